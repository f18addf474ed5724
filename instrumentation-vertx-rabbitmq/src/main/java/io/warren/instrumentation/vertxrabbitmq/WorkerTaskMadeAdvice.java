package io.warren.instrumentation.vertxrabbitmq;

import io.warren.instrumentation.vertxrabbitmq.bootstrap.VertxTasks;
import net.bytebuddy.asm.Advice;

/** Inlined after {@code WorkerTask}'s constructor: the task takes the context current here. */
public final class WorkerTaskMadeAdvice {

  private WorkerTaskMadeAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(@Advice.This Object task) {
    VertxTasks.handedOver(task);
  }
}
