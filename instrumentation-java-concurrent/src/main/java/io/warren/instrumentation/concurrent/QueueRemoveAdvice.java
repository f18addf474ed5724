package io.warren.instrumentation.concurrent;

import io.warren.instrumentation.concurrent.bootstrap.HandOff;
import java.util.concurrent.ThreadPoolExecutor;
import net.bytebuddy.asm.Advice;

/**
 * {@code ThreadPoolExecutor.remove(task)}: the queue may hold the task wrapped, so the wrapper is
 * what gets removed (the executor then goes on as for the task itself).
 */
final class QueueRemoveAdvice {

  private QueueRemoveAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void onEnter(
      @Advice.This ThreadPoolExecutor executor,
      @Advice.Argument(value = 0, readOnly = false) Runnable task) {
    task = HandOff.queuedFormOf(executor.getQueue(), task);
  }
}
