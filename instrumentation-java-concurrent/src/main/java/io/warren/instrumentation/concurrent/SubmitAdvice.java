package io.warren.instrumentation.concurrent;

import io.warren.instrumentation.concurrent.bootstrap.HandOff;
import net.bytebuddy.asm.Advice;

/** A task an executor hands back as its Future ({@code submit}): see {@link HandOff#wrapSubmitted}. */
final class SubmitAdvice {

  private SubmitAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void onEnter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
    task = HandOff.wrapSubmitted(task);
  }
}
