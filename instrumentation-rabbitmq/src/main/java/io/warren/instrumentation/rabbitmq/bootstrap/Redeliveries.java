package io.warren.instrumentation.rabbitmq.bootstrap;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message delivered again and again (a poison message that every consumer nacks or rejects
 * with requeue comes straight back) would add a span to its trace per delivery, thousands a
 * minute. Its first {@link #configure spans} redeliveries get a span each; after that only the
 * 2^k-th (16th, 32nd, 64th, ...), so a trace gains at most about log2 of the deliveries; each kept
 * span says which redelivery it is and how many before it went unrecorded.
 *
 * <p>"The same message again" is a delivery the broker flags redelivered whose headers (the
 * message's own trace context among them: a requeued message keeps its headers) and message id
 * are those of an earlier one; they are hashed, never kept. A quorum queue's
 * {@code x-delivery-count} header, which changes with each delivery, is left out of the hash and
 * taken as the count when it is higher. Counts are per process (consumers in other JVMs count
 * their own), for at most {@link #MAX_MESSAGES} messages, the least recently redelivered
 * forgotten first; a message neither redelivered nor carrying headers or an id is not counted.
 */
public final class Redeliveries {

  static final SpanAttribute COUNT = SpanAttribute.longValue("messaging.rabbitmq.redelivery_count");
  static final SpanAttribute UNRECORDED =
      SpanAttribute.longValue("messaging.rabbitmq.redelivery.unrecorded");

  static final int MAX_MESSAGES = 1024;
  private static final String QUORUM_COUNT = "x-delivery-count";

  private static volatile long spans = 10;

  /** Redeliveries seen per message (by hash), least recently redelivered first. */
  private static final Map<Long, long[]> SEEN =
      new LinkedHashMap<Long, long[]>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, long[]> eldest) {
          return size() > MAX_MESSAGES;
        }
      };

  private Redeliveries() {}

  /** How many redeliveries of a message get a span each before only the 2^k-th do. */
  public static void configure(long firstSpans) {
    spans = Math.max(0, firstSpans);
  }

  /** One delivery of a message the broker had delivered before. */
  public static final class Redelivery {
    final long key;
    /** This delivery is the message's count-th redelivery (as far as this process knows). */
    final long count;
    /** The received headers, holding the message's context: the parent of a late settle span. */
    final Map<String, Object> headers;

    Redelivery(long key, long count, Map<String, Object> headers) {
      this.key = key;
      this.count = count;
      this.headers = headers;
    }

    /** This redelivery gets a span of its own. */
    public boolean recorded() {
      return isRecorded(count);
    }

    /** Redeliveries between the previous recorded one and this one that got no span. */
    long unrecordedBefore() {
      long previous = count <= spans ? count - 1 : Math.max(spans, Long.highestOneBit(count - 1));
      return count - previous - 1;
    }
  }

  /**
   * Counts a delivery; null when it is not a redelivery this process can recognise (a first
   * delivery, or a message with neither headers nor id): it is recorded as always.
   */
  public static Redelivery seen(boolean redelivered, Map<String, Object> headers, String messageId) {
    if (!redelivered || (headers == null && messageId == null)) {
      return null;
    }
    long key = hash(headers, messageId);
    long count;
    synchronized (SEEN) {
      long[] seen = SEEN.get(key);
      if (seen == null) {
        seen = new long[1];
        SEEN.put(key, seen);
      }
      seen[0] = Math.max(seen[0] + 1, quorumCount(headers));
      count = seen[0];
    }
    return new Redelivery(key, count, headers);
  }

  /** The message was settled for good (acked, or dropped or dead-lettered): stop counting it. */
  public static void ended(Redelivery redelivery) {
    if (redelivery != null) {
      synchronized (SEEN) {
        SEEN.remove(redelivery.key);
      }
    }
  }

  /** Whether a settle ends the loop: an ack, or a nack or reject that does not requeue. */
  static boolean endsLoop(String outcome, Boolean requeue) {
    return "ack".equals(outcome) || Boolean.FALSE.equals(requeue);
  }

  /** A delivery's span, told which redelivery it is; one that is not recorded carries only the context. */
  public static SpanStart describe(SpanStart span, Redelivery redelivery) {
    if (redelivery == null) {
      return span;
    }
    if (!redelivery.recorded()) {
      return span.contextOnly();
    }
    return counted(span, redelivery);
  }

  /** Which redelivery {@code span} stands for, and how many before it went unrecorded. */
  static SpanStart counted(SpanStart span, Redelivery redelivery) {
    span.set(COUNT, redelivery.count);
    long unrecorded = redelivery.unrecordedBefore();
    if (unrecorded > 0) {
      span.set(UNRECORDED, unrecorded);
    }
    return span;
  }

  static boolean isRecorded(long count) {
    return count <= spans || Long.bitCount(count) == 1;
  }

  private static long quorumCount(Map<String, Object> headers) {
    Object count = headers == null ? null : headers.get(QUORUM_COUNT);
    return count instanceof Number ? ((Number) count).longValue() : 0;
  }

  /** A 64-bit FNV-1a hash of the message id and the headers' names and values. */
  static long hash(Map<String, Object> headers, String messageId) {
    long hash = 0xcbf29ce484222325L;
    hash = mix(hash, messageId);
    if (headers != null) {
      for (Map.Entry<String, Object> header : headers.entrySet()) {
        if (!QUORUM_COUNT.equals(header.getKey())) {
          hash = mix(hash, header.getKey());
          Object value = header.getValue();
          hash = mix(hash, value instanceof byte[] ? Arrays.toString((byte[]) value) : String.valueOf(value));
        }
      }
    }
    return hash;
  }

  private static long mix(long hash, String text) {
    if (text != null) {
      for (int i = 0; i < text.length(); i++) {
        hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
      }
    }
    return (hash ^ 0xff) * 0x100000001b3L;
  }
}
