package io.warren.instrumentation.vertxrabbitmq.bootstrap.api;

import io.warren.bootstrap.WeakIdentityMap;

/**
 * The context a publish through Vert.x's {@code RabbitMQPublisher} is sent in, when a library
 * above the client knows it better than the thread does. SmallRye's connector queues the messages
 * it relays while its outgoing connection opens and hands them all to the publisher from one
 * completion, so the context current then is the first message's: it names each message's own
 * here, against the properties object it hands the publisher with that message.
 */
public final class PublishContexts {

  private static final WeakIdentityMap<Object> NAMED = new WeakIdentityMap<Object>();
  /** Until a library names one, the publisher's advice does not look. */
  private static volatile boolean anyNamed;

  private PublishContexts() {}

  /** The message to be published with {@code properties} is to be sent in {@code context}. */
  public static void publishIn(Object properties, Object context) {
    if (properties != null && context != null) {
      NAMED.put(properties, context);
      anyNamed = true;
    }
  }

  /** The context named for {@code properties}, or null; forgotten now (one publish each). */
  public static Object take(Object properties) {
    return anyNamed && properties != null ? NAMED.remove(properties) : null;
  }
}
