package io.warren.instrumentation.vertxrabbitmq;

import com.rabbitmq.client.BasicProperties;
import com.rabbitmq.client.Envelope;
import io.vertx.core.buffer.Buffer;
import io.vertx.rabbitmq.RabbitMQMessage;
import io.warren.bootstrap.CallDepth;
import io.warren.instrumentation.rabbitmq.bootstrap.api.DeliverySpan;
import io.warren.instrumentation.vertxrabbitmq.bootstrap.VertxDeliveries;
import net.bytebuddy.asm.Advice;

/**
 * Inlined where the consumer calls the application's handler with a message, on the context's
 * event loop or worker. It is the delivery's span, the only one: a CONSUMER {@code process}
 * span, child of the message's publish, current while the handler runs (so what the handler
 * publishes or logs is in it), settled as a client consumer's delivery is.
 */
public final class HandlerAdvice {

  private HandlerAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.Argument(1) RabbitMQMessage message) {
    if (!CallDepth.enter(DeliverySpan.DEPTH) || message == null) {
      return null;
    }
    Envelope envelope = message.envelope();
    if (envelope == null) {
      return null;
    }
    BasicProperties properties = message.properties();
    Buffer body = message.body();
    DeliverySpan delivery =
        DeliverySpan.begin()
            .subscription(VertxDeliveries.subscriptionOf(envelope))
            .exchange(envelope.getExchange())
            .routingKey(envelope.getRoutingKey())
            .deliveryTag(envelope.getDeliveryTag())
            .redelivered(envelope.isRedeliver())
            .bodySize(body == null ? -1 : body.length());
    if (properties != null) {
      delivery
          .headers(properties.getHeaders())
          .messageId(properties.getMessageId())
          .correlationId(properties.getCorrelationId())
          .timestamp(properties.getTimestamp())
          .capturing(properties);
    }
    return delivery.startCurrent();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.Enter Object started, @Advice.Thrown Throwable error) {
    CallDepth.exit(DeliverySpan.DEPTH);
    DeliverySpan.handled(started, error);
  }
}
