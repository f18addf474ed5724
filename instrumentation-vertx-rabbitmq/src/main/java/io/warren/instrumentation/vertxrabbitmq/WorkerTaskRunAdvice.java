package io.warren.instrumentation.vertxrabbitmq;

import io.warren.instrumentation.vertxrabbitmq.bootstrap.VertxTasks;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code WorkerTask.run}: the task runs with its own context, or none. */
public final class WorkerTaskRunAdvice {

  private WorkerTaskRunAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.This Object task) {
    return VertxTasks.running(task);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.Enter Object scope) {
    VertxTasks.ran(scope);
  }
}
