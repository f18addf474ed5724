package io.warren.instrumentation.vertxrabbitmq;

import io.warren.instrumentation.concurrent.bootstrap.HandOff;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code EventLoopExecutor.execute}: the task goes to the event loop with the
 * context current here (the thread hand-off module's wrapper: nothing stays current after it).
 */
public final class EventLoopExecuteAdvice {

  private EventLoopExecuteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
    task = HandOff.wrapExecuted(task);
  }
}
