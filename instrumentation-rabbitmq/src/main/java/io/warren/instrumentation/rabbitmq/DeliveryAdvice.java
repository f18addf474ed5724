package io.warren.instrumentation.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.Envelope;
import io.warren.bootstrap.CallDepth;
import io.warren.bootstrap.ConsumerRegistry;
import io.warren.bootstrap.MessageDetails;
import io.warren.bootstrap.Messaging;
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
      @Advice.Argument(1) Envelope envelope,
      @Advice.Argument(2) AMQP.BasicProperties properties,
      @Advice.Argument(3) byte[] body) {
    if (!CallDepth.enter(CallDepth.DELIVERY) || envelope == null) {
      return null;
    }
    // Advice may only call the client and the bootstrap bridge (it runs in the client's class
    // loader), so the few lines that read a received message live here and in ReceiveAdvice.
    MessageDetails message =
        new MessageDetails(
                envelope.getExchange(),
                envelope.getRoutingKey(),
                properties == null ? null : properties.getHeaders(),
                MessageDetails.bodySizeOf(body))
            .withDelivery(envelope.getDeliveryTag(), envelope.isRedeliver());
    if (properties != null) {
      message.withProperties(properties.getMessageId(), properties.getCorrelationId());
    }
    ConsumerRegistry.describe(consumer, message);
    return Messaging.startProcess(message);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.Enter Object span, @Advice.Thrown Throwable error) {
    CallDepth.exit(CallDepth.DELIVERY);
    Messaging.end(span, error);
  }
}
