package io.warren.instrumentation.vertxrabbitmq;

import com.rabbitmq.client.Consumer;
import io.warren.instrumentation.rabbitmq.bootstrap.api.Subscriptions;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the client's consumer's {@code handleCancel} and {@code handleShutdownSignal}: the
 * subscription under that tag is over, so the RabbitMQ module's registry forgets it, as it does
 * for the consumers it instruments itself.
 */
public final class SubscriptionEndAdvice {

  private SubscriptionEndAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(@Advice.This Consumer consumer, @Advice.Argument(0) String consumerTag) {
    Subscriptions.unsubscribed(consumer, consumerTag);
  }
}
