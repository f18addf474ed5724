package io.warren.instrumentation.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.Envelope;
import io.warren.bootstrap.CallDepth;
import io.warren.instrumentation.rabbitmq.bootstrap.api.DeliverySpan;
import io.warren.instrumentation.rabbitmq.bootstrap.api.Subscriptions;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Consumer.handleDelivery}. The outermost call on the thread starts a
 * CONSUMER span parented on the context in the message headers and keeps it current while the
 * handler runs, so whatever the handler publishes joins the same trace. A consumer that wraps
 * another one (the client's lambda adapters, Micrometer's) still makes one span.
 */
public final class DeliveryAdvice {

  private DeliveryAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(
      @Advice.This Consumer consumer,
      @Advice.Argument(0) String consumerTag,
      @Advice.Argument(1) Envelope envelope,
      @Advice.Argument(2) AMQP.BasicProperties properties,
      @Advice.Argument(3) byte[] body) {
    if (!CallDepth.enter(DeliverySpan.DEPTH) || envelope == null) {
      return null;
    }
    // Advice may only call the client and the boot loader's classes, so the few lines that read
    // a received message live here and in ReceiveAdvice and RpcRequestAdvice.
    DeliverySpan delivery =
        DeliverySpan.begin()
            .subscription(Subscriptions.find(consumer, consumerTag))
            .exchange(envelope.getExchange())
            .routingKey(envelope.getRoutingKey())
            .deliveryTag(envelope.getDeliveryTag())
            .redelivered(envelope.isRedeliver())
            .bodySize(body == null ? -1 : body.length);
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
