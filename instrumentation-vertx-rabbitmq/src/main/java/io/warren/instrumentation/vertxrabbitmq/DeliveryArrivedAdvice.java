package io.warren.instrumentation.vertxrabbitmq;

import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.Envelope;
import io.warren.instrumentation.rabbitmq.bootstrap.api.Subscriptions;
import io.warren.instrumentation.vertxrabbitmq.bootstrap.VertxDeliveries;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code QueueConsumerHandler.handleDelivery}, on the client's thread: only the
 * consumer knows which subscription (queue, broker, acknowledgement mode) a delivery came
 * through, so it is noted against the delivery's envelope for the handler's span.
 */
public final class DeliveryArrivedAdvice {

  private DeliveryArrivedAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(
      @Advice.This Consumer consumer,
      @Advice.Argument(0) String consumerTag,
      @Advice.Argument(1) Envelope envelope) {
    VertxDeliveries.arrived(envelope, Subscriptions.find(consumer, consumerTag));
  }
}
