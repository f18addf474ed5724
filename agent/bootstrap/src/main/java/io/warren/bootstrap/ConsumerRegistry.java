package io.warren.bootstrap;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, for each consumer given to basicConsume, the queue it consumes and the broker it
 * talks to: handleDelivery is told neither. Consumers are held weakly and compared by identity,
 * so the registry never keeps one alive and never calls the application's equals or hashCode.
 */
public final class ConsumerRegistry {

  private static final ConcurrentHashMap<Key, Subscription> SUBSCRIPTIONS =
      new ConcurrentHashMap<Key, Subscription>();
  private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<Object>();

  private ConsumerRegistry() {}

  public static void register(Object consumer, String queue, InetAddress address, int port) {
    forgetCollected();
    if (consumer != null) {
      SUBSCRIPTIONS.put(new Key(consumer, COLLECTED), new Subscription(queue, address, port));
    }
  }

  /** Adds the consumer's queue and broker to {@code message}, when basicConsume saw them. */
  public static void describe(Object consumer, MessageDetails message) {
    Subscription subscription = SUBSCRIPTIONS.get(new Key(consumer, null));
    if (subscription == null) {
      return;
    }
    if (message.queue() == null) {
      message.withQueue(subscription.queue);
    }
    if (message.serverAddress() == null && subscription.address != null) {
      message.withServer(subscription.address, subscription.port);
    }
  }

  static int size() {
    forgetCollected();
    return SUBSCRIPTIONS.size();
  }

  private static void forgetCollected() {
    Object key;
    while ((key = COLLECTED.poll()) != null) {
      SUBSCRIPTIONS.remove(key);
    }
  }

  private static final class Subscription {
    final String queue;
    final InetAddress address;
    final int port;

    Subscription(String queue, InetAddress address, int port) {
      this.queue = queue;
      this.address = address;
      this.port = port;
    }
  }

  /** A weak, identity-based map key. */
  private static final class Key extends WeakReference<Object> {
    private final int hash;

    Key(Object referent, ReferenceQueue<Object> queue) {
      super(referent, queue);
      hash = System.identityHashCode(referent);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (this == other) {
        return true;
      }
      if (!(other instanceof Key)) {
        return false;
      }
      Object referent = get();
      return referent != null && referent == ((Key) other).get();
    }
  }
}
