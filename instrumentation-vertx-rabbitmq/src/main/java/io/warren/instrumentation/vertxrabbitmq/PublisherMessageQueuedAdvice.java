package io.warren.instrumentation.vertxrabbitmq;

import io.warren.instrumentation.vertxrabbitmq.bootstrap.VertxTasks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined after the constructor of the Vert.x publisher's queued message: it takes the context
 * current here.
 */
public final class PublisherMessageQueuedAdvice {

  private PublisherMessageQueuedAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(@Advice.This Object message) {
    VertxTasks.handedOver(message);
  }
}
