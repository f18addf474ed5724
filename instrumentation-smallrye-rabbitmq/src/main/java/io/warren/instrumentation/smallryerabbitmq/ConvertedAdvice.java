package io.warren.instrumentation.smallryerabbitmq;

import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQMessageConverter;
import io.warren.instrumentation.smallryerabbitmq.bootstrap.RelayedMessages;
import net.bytebuddy.asm.Advice;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Inlined after the connector converts a message to send: if it derives from a delivery, its
 * publish is named that delivery's context, against the properties the publisher gets with it.
 */
public final class ConvertedAdvice {

  private ConvertedAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(
      @Advice.Argument(1) Message<?> message,
      @Advice.Return RabbitMQMessageConverter.OutgoingRabbitMQMessage converted) {
    if (message != null && converted != null) {
      Object metadata = message.getMetadata().get(IncomingRabbitMQMetadata.class).orElse(null);
      RelayedMessages.converted(metadata, converted.getProperties());
    }
  }
}
