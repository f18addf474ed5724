package io.warren.instrumentation.vertxrabbitmq.bootstrap;

import io.warren.bootstrap.WeakIdentityMap;
import io.warren.instrumentation.rabbitmq.bootstrap.api.Subscriptions;

/**
 * A delivery between the client's thread, where the consumer knows which subscription it came
 * through, and the context's thread, where the handler's span is made: noted against the
 * delivery's envelope, which the message handed to the handler carries. A delivery the consumer
 * drops (its buffer full, no handler) is forgotten with its envelope.
 */
public final class VertxDeliveries {

  private static final WeakIdentityMap<Subscriptions.Subscription> ARRIVED =
      new WeakIdentityMap<Subscriptions.Subscription>();

  private VertxDeliveries() {}

  /** The consumer got the delivery of {@code envelope} through {@code subscription} (null: unknown). */
  public static void arrived(Object envelope, Subscriptions.Subscription subscription) {
    ARRIVED.put(envelope, subscription);
  }

  /** The subscription the delivery of {@code envelope} came through, or null; forgotten now. */
  public static Subscriptions.Subscription subscriptionOf(Object envelope) {
    return ARRIVED.remove(envelope);
  }
}
