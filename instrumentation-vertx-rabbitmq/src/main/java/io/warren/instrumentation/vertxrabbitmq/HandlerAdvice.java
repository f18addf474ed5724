package io.warren.instrumentation.vertxrabbitmq;

import com.rabbitmq.client.BasicProperties;
import com.rabbitmq.client.Envelope;
import io.vertx.core.buffer.Buffer;
import io.vertx.rabbitmq.RabbitMQMessage;
import io.warren.bootstrap.CallDepth;
import io.warren.bootstrap.SpanStart;
import io.warren.instrumentation.rabbitmq.bootstrap.CapturedValues;
import io.warren.instrumentation.rabbitmq.bootstrap.RabbitSpans;
import io.warren.instrumentation.rabbitmq.bootstrap.api.Subscriptions;
import io.warren.instrumentation.rabbitmq.bootstrap.ChannelDeliveries;
import io.warren.instrumentation.vertxrabbitmq.bootstrap.VertxDeliveries;
import java.util.Map;
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
    if (!CallDepth.enter(RabbitSpans.DELIVERY_DEPTH) || message == null) {
      return null;
    }
    Envelope envelope = message.envelope();
    if (envelope == null) {
      return null;
    }
    Subscriptions.Subscription subscription = VertxDeliveries.subscriptionOf(envelope);
    BasicProperties properties = message.properties();
    Map<String, Object> headers = properties == null ? null : properties.getHeaders();
    Buffer body = message.body();
    SpanStart span =
        RabbitSpans.delivered(
            subscription == null ? null : subscription.queue,
            envelope.getExchange(),
            envelope.getRoutingKey(),
            headers,
            properties == null ? null : properties.getMessageId(),
            properties == null ? null : properties.getCorrelationId(),
            body == null ? -1 : body.length(),
            envelope.getDeliveryTag(),
            envelope.isRedeliver(),
            properties == null ? null : properties.getTimestamp(),
            subscription == null ? null : subscription.address,
            subscription == null ? -1 : subscription.port);
    CapturedValues.describe(span, headers, properties);
    return ChannelDeliveries.deliveryStarted(span, subscription, envelope.getDeliveryTag());
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.Enter Object started, @Advice.Thrown Throwable error) {
    CallDepth.exit(RabbitSpans.DELIVERY_DEPTH);
    ChannelDeliveries.handled(started, error);
  }
}
