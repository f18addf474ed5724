package io.warren.instrumentation.rabbitmqstream.bootstrap;

import io.warren.bootstrap.DeadlineSweeper;
import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.WarrenLog;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Publish spans waiting for the broker's confirm, as the RabbitMQ module's publisher confirms
 * do: a send's span ends when the broker confirms (or the client gives up on) the message, with
 * the outcome as attributes. At most {@link #MAX_OPEN_PER_PRODUCER} wait per producer; beyond
 * that, or after the timeout ({@code warren.messaging.confirm.timeout-ms}), the oldest ends
 * marked unconfirmed, so a broker that never confirms cannot make them pile up.
 */
public final class OpenPublishes {

  public static final long DEFAULT_TIMEOUT_MILLIS = 30_000;

  /** The client's own default for unconfirmed messages per producer (maxUnconfirmedMessages). */
  static final int MAX_OPEN_PER_PRODUCER = 10_000;

  static final SpanAttribute CONFIRM = SpanAttribute.string("messaging.rabbitmq.confirm");
  static final SpanAttribute CONFIRM_CODE = SpanAttribute.longValue("messaging.rabbitmq.confirm.code");
  static final SpanAttribute UNCONFIRMED_REASON =
      SpanAttribute.string("messaging.rabbitmq.confirm.reason");

  private static volatile long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(DEFAULT_TIMEOUT_MILLIS);

  /** Producer to its open publishes, oldest first; a producer the application dropped is forgotten. */
  private static final Map<Object, LinkedHashSet<Publish>> OPEN =
      new WeakHashMap<Object, LinkedHashSet<Publish>>();

  /** Started with the first publish; ends the publishes that time out. */
  private static final DeadlineSweeper SWEEPER =
      new DeadlineSweeper(
          "warren-stream-confirm-timeouts",
          new DeadlineSweeper.Sweep() {
            @Override
            public long sweep() {
              return expire(System.nanoTime());
            }
          });

  private static volatile boolean overflowLogged;

  private OpenPublishes() {}

  public static void timeoutMillis(long millis) {
    timeoutNanos = TimeUnit.MILLISECONDS.toNanos(millis);
  }

  /** The span of {@code handle} was started for a send on {@code producer}: it waits for the confirm. */
  public static Object open(Object producer, Object handle) {
    Publish publish = new Publish(producer, handle);
    Publish evicted = null;
    synchronized (OPEN) {
      LinkedHashSet<Publish> open = OPEN.get(producer);
      if (open == null) {
        open = new LinkedHashSet<Publish>();
        OPEN.put(producer, open);
      }
      if (open.size() >= MAX_OPEN_PER_PRODUCER) {
        Iterator<Publish> oldest = open.iterator();
        evicted = oldest.next();
        oldest.remove();
      }
      open.add(publish);
    }
    if (evicted != null) {
      if (!overflowLogged) {
        overflowLogged = true;
        WarrenLog.warn(
            "more than " + MAX_OPEN_PER_PRODUCER + " stream publishes of one producer wait for the"
                + " broker's confirm; the oldest end marked unconfirmed (reason: limit)");
      }
      evicted.settle("unconfirmed", -1, "limit");
    }
    SWEEPER.wake();
    return publish;
  }

  /** The client reported the outcome of the send ({@code code}: the client's status code). */
  public static void confirmed(Object publish, boolean confirmed, long code) {
    Publish open = (Publish) publish;
    forget(open);
    open.settle(confirmed ? "ack" : "nack", confirmed ? -1 : code, null);
  }

  /** The send threw: the message was not sent. */
  public static void failed(Object publish, Throwable error) {
    Publish open = (Publish) publish;
    forget(open);
    open.fail(error);
  }

  /** How many publishes of {@code producer} wait for their confirm. */
  public static int openOf(Object producer) {
    synchronized (OPEN) {
      LinkedHashSet<Publish> open = OPEN.get(producer);
      return open == null ? 0 : open.size();
    }
  }

  private static void forget(Publish publish) {
    synchronized (OPEN) {
      LinkedHashSet<Publish> open = OPEN.get(publish.producer());
      if (open != null) {
        open.remove(publish);
      }
    }
  }

  /**
   * Ends, as unconfirmed, every publish that has waited longer than the timeout.
   *
   * @return nanoseconds until the next publish may time out, or -1 when none waits
   */
  static long expire(long now) {
    long timeout = timeoutNanos;
    long next = -1;
    List<Publish> expired = new ArrayList<Publish>();
    synchronized (OPEN) {
      for (LinkedHashSet<Publish> open : OPEN.values()) {
        Iterator<Publish> oldestFirst = open.iterator();
        while (oldestFirst.hasNext()) {
          Publish publish = oldestFirst.next();
          long left = publish.sentNanos + timeout - now;
          if (left > 0) {
            next = next < 0 ? left : Math.min(next, left);
            break;
          }
          oldestFirst.remove();
          expired.add(publish);
        }
      }
    }
    for (Publish publish : expired) {
      publish.settle("unconfirmed", -1, "timeout");
    }
    return next;
  }

  /** One send waiting for its outcome; its span ends once, at the first outcome. */
  static final class Publish {
    private final java.lang.ref.WeakReference<Object> producer;
    private final Object handle;
    final long sentNanos = System.nanoTime();
    private boolean ended;

    Publish(Object producer, Object handle) {
      this.producer = new java.lang.ref.WeakReference<Object>(producer);
      this.handle = handle;
    }

    Object producer() {
      return producer.get();
    }

    private synchronized boolean endOnce() {
      if (ended) {
        return false;
      }
      ended = true;
      return true;
    }

    void settle(String outcome, long code, String reason) {
      if (!endOnce()) {
        return;
      }
      Tracing.setAttribute(handle, CONFIRM, outcome);
      if (code >= 0) {
        Tracing.setAttribute(handle, CONFIRM_CODE, code);
      }
      if (reason != null) {
        Tracing.setAttribute(handle, UNCONFIRMED_REASON, reason);
      }
      if ("nack".equals(outcome)) {
        Tracing.fail(handle, "nack", "the message was not confirmed (code " + code + ")");
      }
      Tracing.end(handle, null);
    }

    void fail(Throwable error) {
      if (endOnce()) {
        Tracing.end(handle, error);
      }
    }
  }
}
