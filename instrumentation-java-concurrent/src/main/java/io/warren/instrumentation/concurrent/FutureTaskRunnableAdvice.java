package io.warren.instrumentation.concurrent;

import io.warren.instrumentation.concurrent.bootstrap.HandOff;
import net.bytebuddy.asm.Advice;

/** {@code FutureTask(Runnable, V)}: the task of every {@code submit} and {@code schedule} of a Runnable on the JDK's executors, built on the submitting thread. No suppression: it runs before the super constructor call, and {@link HandOff} never throws. */
final class FutureTaskRunnableAdvice {

  private FutureTaskRunnableAdvice() {}

  @Advice.OnMethodEnter
  static void onEnter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
    task = HandOff.wrap(task);
  }
}
