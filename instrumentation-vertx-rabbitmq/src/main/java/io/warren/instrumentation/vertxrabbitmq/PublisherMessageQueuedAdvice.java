package io.warren.instrumentation.vertxrabbitmq;

import io.warren.instrumentation.vertxrabbitmq.bootstrap.VertxTasks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined after the constructor of the Vert.x publisher's queued message (exchange, routing key,
 * properties, body, ...): it takes the context named for its properties, else the one current here.
 */
public final class PublisherMessageQueuedAdvice {

  private PublisherMessageQueuedAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(@Advice.This Object message, @Advice.Argument(2) Object properties) {
    VertxTasks.queued(message, properties);
  }
}
