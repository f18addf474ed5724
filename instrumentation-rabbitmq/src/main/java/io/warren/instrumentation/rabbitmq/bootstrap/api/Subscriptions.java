package io.warren.instrumentation.rabbitmq.bootstrap.api;

import io.warren.bootstrap.WeakIdentityMap;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, for each consumer given to basicConsume and each consumer tag it was subscribed
 * under, the queue and the broker: handleDelivery is told only the tag. One consumer may serve
 * several queues, so the tag decides.
 *
 * <p>A tag the server generates is known only when basicConsume returns, and a delivery may
 * arrive before that: until then the subscription being made stands for it. Entries go when the
 * subscription is cancelled or its channel shuts down (automatic recovery subscribes again, under
 * a new tag, through basicConsume), or when the consumer is collected: consumers are held weakly
 * and compared by identity, so the registry never keeps one alive and never calls the
 * application's equals or hashCode.
 */
public final class Subscriptions {

  private static final WeakIdentityMap<Subscriber> SUBSCRIBERS = new WeakIdentityMap<Subscriber>();
  private static final WeakIdentityMap.Factory<Subscriber> NEW_SUBSCRIBER =
      new WeakIdentityMap.Factory<Subscriber>() {
        @Override
        public Subscriber create() {
          return new Subscriber();
        }
      };

  private Subscriptions() {}

  /** What a subscription reads from: the queue and the broker (null and -1 when unknown). */
  public static final class Subscription {
    public final String queue;
    /** The broker settles each delivery as it sends it; the consumer acknowledges nothing. */
    public final boolean autoAck;
    public final InetAddress address;
    public final int port;
    /** The client's channel (ChannelN) that delivers, which numbers the delivery tags. */
    public final Object channel;

    Subscription(String queue, boolean autoAck, InetAddress address, int port, Object channel) {
      this.channel = channel;
      this.queue = queue;
      this.autoAck = autoAck;
      this.address = address;
      this.port = port;
    }
  }

  /**
   * basicConsume was called on {@code channel}; {@code tag} is the one the caller chose, or
   * empty. Through a wrapping channel, the call that reaches the client's own channel comes last
   * and is the one kept.
   */
  public static void subscribing(
      Object consumer, String tag, String queue, boolean autoAck, InetAddress address, int port, Object channel) {
    if (consumer == null) {
      return;
    }
    Subscription subscription = new Subscription(queue, autoAck, address, port, channel);
    Subscriber subscriber = SUBSCRIBERS.getOrCreate(consumer, NEW_SUBSCRIBER);
    subscriber.pending = subscription;
    if (tag != null && !tag.isEmpty()) {
      subscriber.byTag.put(tag, subscription);
    }
  }

  /**
   * basicConsume returned {@code tag}: the subscription being made is now known by it; a null
   * tag (basicConsume failed) drops it.
   */
  public static void subscribed(Object consumer, String tag) {
    Subscriber subscriber = SUBSCRIBERS.get(consumer);
    if (subscriber == null) {
      return;
    }
    Subscription pending = subscriber.pending;
    if (pending != null && tag != null) {
      subscriber.byTag.put(tag, pending);
    }
    subscriber.pending = null;
  }

  /** The subscription was cancelled or its channel shut down. */
  public static void unsubscribed(Object consumer, String tag) {
    Subscriber subscriber = SUBSCRIBERS.get(consumer);
    if (subscriber != null && tag != null) {
      subscriber.byTag.remove(tag);
      if (subscriber.byTag.isEmpty() && subscriber.pending == null) {
        SUBSCRIBERS.remove(consumer);
      }
    }
  }

  /** The subscription a delivery to {@code consumer} under {@code tag} came through, or null. */
  public static Subscription find(Object consumer, String tag) {
    Subscriber subscriber = SUBSCRIBERS.get(consumer);
    if (subscriber == null) {
      return null;
    }
    Subscription subscription = tag == null ? null : subscriber.byTag.get(tag);
    return subscription != null ? subscription : subscriber.pending;
  }

  static int size() {
    return SUBSCRIBERS.size();
  }

  /** One consumer's subscriptions, by tag, and the one being made. */
  private static final class Subscriber {
    final ConcurrentHashMap<String, Subscription> byTag = new ConcurrentHashMap<String, Subscription>(2);
    volatile Subscription pending;
  }
}
