package io.warren.instrumentation.rabbitmq.bootstrap;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Span names whose number is bounded by the exchanges and queues a service uses, never by its
 * routing keys (which often carry ids): {@code publish <exchange>}, {@code process <queue>},
 * {@code receive <queue>}. On the default exchange the routing key is a queue's name, so a
 * publish there is {@code publish amq.default:<routing key>}. Names the broker or a framework
 * generates per connection or per request (server-named queues, reply queues, UUIDs) are written
 * {@code (temporary)}.
 */
public final class RabbitNames {

  static final String DEFAULT_EXCHANGE = "amq.default";
  static final String TEMPORARY = "(temporary)";

  /** Names built so far, per kind of name; a service uses few, and at most this many are kept. */
  private static final int MAX_CACHED = 1024;

  private static final AtomicInteger CACHED = new AtomicInteger();
  private static final ConcurrentHashMap<String, String> PUBLISH = new ConcurrentHashMap<String, String>();
  /** Publishes to the default exchange, by routing key: a key may be spelled like an exchange. */
  private static final ConcurrentHashMap<String, String> PUBLISH_DEFAULT =
      new ConcurrentHashMap<String, String>();
  private static final ConcurrentHashMap<String, String> PROCESS = new ConcurrentHashMap<String, String>();
  private static final ConcurrentHashMap<String, String> RECEIVE = new ConcurrentHashMap<String, String>();
  private static final ConcurrentHashMap<String, String> SETTLE = new ConcurrentHashMap<String, String>();
  /** Metric destinations of publishes to the default exchange, by routing key (a queue's name). */
  private static final ConcurrentHashMap<String, String> DEFAULT_DESTINATION =
      new ConcurrentHashMap<String, String>();

  private RabbitNames() {}

  public static String publish(String exchange, String routingKey) {
    if (!exchange.isEmpty()) {
      return named(PUBLISH, "publish ", exchange);
    }
    return routingKey.isEmpty()
        ? "publish " + DEFAULT_EXCHANGE
        : named(PUBLISH_DEFAULT, "publish " + DEFAULT_EXCHANGE + ':', routingKey);
  }

  /** A message the broker returned to its publisher: named after where it was published. */
  public static String returned(String exchange, String routingKey) {
    return "return" + publish(exchange, routingKey).substring("publish".length());
  }

  /** A pushed delivery; {@code queue} may be null when the subscription is not known. */
  public static String process(String queue, String exchange, String routingKey) {
    return named(PROCESS, "process ", source(queue, exchange, routingKey));
  }

  public static String receive(String queue, String exchange, String routingKey) {
    return named(RECEIVE, "receive ", source(queue, exchange, routingKey));
  }

  /** A consumer's ack, nack or reject recorded after its delivery's span ended. */
  public static String settle(String queue) {
    return queue == null || queue.isEmpty() ? "settle" : named(SETTLE, "settle ", queue);
  }

  /**
   * Where a publish goes, as its span's name says it (without {@code publish }): the exchange, or
   * {@code amq.default:<queue>}; the value of its metrics' {@code messaging.destination.name}.
   */
  public static String publishDestination(String exchange, String routingKey) {
    if (exchange != null && !exchange.isEmpty()) {
      return displayed(exchange);
    }
    return routingKey == null || routingKey.isEmpty()
        ? DEFAULT_EXCHANGE
        : named(DEFAULT_DESTINATION, DEFAULT_EXCHANGE + ':', routingKey);
  }

  /** Where a delivery or get came from, as its span's name says it (without the operation). */
  public static String sourceDestination(String queue, String exchange, String routingKey) {
    return displayed(source(queue, exchange == null ? "" : exchange, routingKey == null ? "" : routingKey));
  }

  /** A queue's or exchange's name as metrics and span names show it; null stays null. */
  public static String destination(String name) {
    return name == null ? null : displayed(name);
  }

  /** The queue; without it, the exchange, or on the default exchange the key (a queue name). */
  private static String source(String queue, String exchange, String routingKey) {
    if (queue != null && !queue.isEmpty()) {
      return queue;
    }
    if (!exchange.isEmpty()) {
      return exchange;
    }
    return routingKey.isEmpty() ? DEFAULT_EXCHANGE : routingKey;
  }

  private static String named(ConcurrentHashMap<String, String> cache, String prefix, String name) {
    String cached = cache.get(name);
    if (cached != null) {
      return cached;
    }
    String built = prefix + displayed(name);
    if (CACHED.get() < MAX_CACHED && cache.putIfAbsent(name, built) == null) {
      CACHED.incrementAndGet();
    }
    return built;
  }

  static int cachedCount() {
    return CACHED.get();
  }

  private static String displayed(String name) {
    return isGenerated(name) ? TEMPORARY : name;
  }

  /** True for names made up per connection or per request rather than chosen by a person. */
  public static boolean isGenerated(String name) {
    return name.startsWith("amq.gen-")
        || name.startsWith("amq.rabbitmq.reply-to")
        || name.startsWith("spring.gen-")
        || looksLikeUuid(name);
  }

  private static boolean looksLikeUuid(String name) {
    if (name.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = name.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : Character.digit(c, 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
