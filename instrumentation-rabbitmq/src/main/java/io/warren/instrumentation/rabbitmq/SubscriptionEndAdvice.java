package io.warren.instrumentation.rabbitmq;

import com.rabbitmq.client.Consumer;
import io.warren.instrumentation.rabbitmq.bootstrap.api.Subscriptions;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into a consumer's {@code handleCancelOk}, {@code handleCancel} and
 * {@code handleShutdownSignal}: the subscription under that tag is over, so the registry
 * forgets it.
 */
public final class SubscriptionEndAdvice {

  private SubscriptionEndAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(@Advice.This Consumer consumer, @Advice.Argument(0) String consumerTag) {
    Subscriptions.unsubscribed(consumer, consumerTag);
  }
}
