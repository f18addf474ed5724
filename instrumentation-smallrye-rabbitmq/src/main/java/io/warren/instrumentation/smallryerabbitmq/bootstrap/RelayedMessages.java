package io.warren.instrumentation.smallryerabbitmq.bootstrap;

import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.WeakIdentityMap;
import io.warren.instrumentation.vertxrabbitmq.bootstrap.api.PublishContexts;

/**
 * A delivery's context, followed from the Vert.x delivery to the connector's message for it and
 * on to what the application's method returns from it. Weakly held by those objects: a message
 * never relayed is forgotten with them.
 */
public final class RelayedMessages {

  /** By Vert.x delivery, until the connector makes its message. */
  private static final WeakIdentityMap<Object> DELIVERED = new WeakIdentityMap<Object>();
  /** By the connector's IncomingRabbitMQMetadata, which the messages derived from it share. */
  private static final WeakIdentityMap<Object> RECEIVED = new WeakIdentityMap<Object>();

  private RelayedMessages() {}

  /** {@code delivery} reached the connector's stream: the context current here is its own. */
  public static void delivered(Object delivery) {
    Object context = Tracing.currentContext();
    if (delivery != null && context != null) {
      DELIVERED.put(delivery, context);
    }
  }

  /** The connector made its message for {@code delivery}, carrying {@code metadata}. */
  public static void received(Object delivery, Object metadata) {
    Object context = DELIVERED.remove(delivery);
    if (context != null && metadata != null) {
      RECEIVED.put(metadata, context);
    }
  }

  /**
   * A message carrying {@code metadata} (null: none, not derived from a delivery) is to be
   * published with {@code properties}: in its delivery's context. Kept for the metadata, since
   * one delivery may give several messages.
   */
  public static void converted(Object metadata, Object properties) {
    Object context = RECEIVED.get(metadata);
    if (context != null) {
      PublishContexts.publishIn(properties, context);
    }
  }
}
