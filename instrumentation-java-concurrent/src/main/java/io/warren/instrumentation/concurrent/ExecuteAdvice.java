package io.warren.instrumentation.concurrent;

import io.warren.instrumentation.concurrent.bootstrap.HandOff;
import net.bytebuddy.asm.Advice;

/** A task an executor runs as it is ({@code execute}, a new thread's task): see {@link HandOff#wrapExecuted}. */
final class ExecuteAdvice {

  private ExecuteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void onEnter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
    task = HandOff.wrapExecuted(task);
  }
}
