package io.warren.instrumentation.smallryerabbitmq;

import io.warren.instrumentation.smallryerabbitmq.bootstrap.RelayedMessages;
import net.bytebuddy.asm.Advice;

/**
 * Inlined after each constructor of the connector's incoming message: the delivery's context
 * moves to the message's RabbitMQ metadata, which every message derived from it carries.
 */
public final class ReceivedAdvice {

  private ReceivedAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(
      @Advice.FieldValue("message") Object delivery,
      @Advice.FieldValue("rabbitMQMetadata") Object metadata) {
    RelayedMessages.received(delivery, metadata);
  }
}
