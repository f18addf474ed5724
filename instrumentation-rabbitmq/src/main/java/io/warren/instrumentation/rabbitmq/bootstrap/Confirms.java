package io.warren.instrumentation.rabbitmq.bootstrap;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.WarrenLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Publisher confirms: on a channel in confirm mode a publish span stays open until the broker
 * acks or nacks it, so its duration is the time until the broker took responsibility for the
 * message. The publish call itself is timed in an attribute.
 *
 * <p>The outermost basicPublish starts the span ({@link #publishing}); the client's own channel
 * (ChannelN), which numbers the publishes, reports the number before it sends
 * ({@link #sending}), so a confirm can never arrive for a publish not yet registered. Open
 * publishes are kept per channel, at most {@link #MAX_OPEN_PER_CHANNEL}; beyond that, after the
 * timeout, or when the channel closes, a publish ends marked unconfirmed. No span is added per
 * confirm.
 */
public final class Confirms {

  static final SpanAttribute CONFIRM = SpanAttribute.string("messaging.rabbitmq.confirm");
  static final SpanAttribute CONFIRM_MULTIPLE = SpanAttribute.flag("messaging.rabbitmq.confirm.multiple");
  static final SpanAttribute UNCONFIRMED_REASON = SpanAttribute.string("messaging.rabbitmq.confirm.reason");
  static final SpanAttribute CALL_DURATION =
      SpanAttribute.longValue("messaging.rabbitmq.publish.call_duration_us");

  /** Far above what a publisher waiting for its confirms keeps in flight. */
  static final int MAX_OPEN_PER_CHANNEL = 10_000;

  private static volatile long timeoutNanos = TimeUnit.SECONDS.toNanos(30);

  private static final ChannelTables CHANNELS = new ChannelTables();

  /** The span of the outermost publish on this thread, until the client's channel numbers it. */
  private static final ThreadLocal<Object[]> PUBLISHING =
      new ThreadLocal<Object[]>() {
        @Override
        protected Object[] initialValue() {
          return new Object[3]; // handle, mandatory, Publish
        }
      };

  private static volatile boolean overflowLogged;
  private static volatile Thread sweeper;

  private Confirms() {}

  /** The setting {@code warren.messaging.confirm.timeout-ms}. */
  public static void timeoutMillis(long millis) {
    timeoutNanos = TimeUnit.MILLISECONDS.toNanos(millis);
  }

  /**
   * The outermost publish started the span of {@code handle} (null: none) and is about to send.
   * Nothing is allocated unless the channel turns out to be in confirm mode.
   */
  public static void publishing(Object handle, boolean mandatory) {
    Object[] slot = PUBLISHING.get();
    slot[0] = handle;
    slot[1] = mandatory ? Boolean.TRUE : null;
    slot[2] = null;
  }

  /**
   * The client's channel {@code channel} is sending the publish started on this thread as
   * number {@code sequenceNumber} (0: the channel is not in confirm mode).
   */
  public static void sending(Object channel, long sequenceNumber) {
    if (sequenceNumber <= 0) {
      return;
    }
    Object[] slot = PUBLISHING.get();
    if (slot[0] == null || slot[2] != null) {
      return;
    }
    Publish publish = new Publish(slot[0], slot[1] != null, channel, sequenceNumber);
    TagTable table = CHANNELS.of(channel);
    Publish evicted = null;
    synchronized (table) {
      if (table.size() >= MAX_OPEN_PER_CHANNEL) {
        evicted = (Publish) table.removeOldest();
      }
      if (table.add(sequenceNumber, publish)) {
        slot[2] = publish;
      } // else numbered out of order (publishers sharing the channel): ends with its call
    }
    if (evicted != null) {
      if (!overflowLogged) {
        overflowLogged = true;
        WarrenLog.warn(
            "more than " + MAX_OPEN_PER_CHANNEL + " publishes on one channel wait for the broker's"
                + " confirm; the oldest end marked unconfirmed (reason: limit)");
      }
      evicted.unconfirmed("limit");
    }
    startSweeper();
  }

  /**
   * The outermost publish returned (or threw {@code error}): its span ends now, or, when the
   * broker is to confirm it, once it has.
   */
  public static void published(Object handle, Throwable error) {
    Object[] slot = PUBLISHING.get();
    Publish publish = slot[0] == handle ? (Publish) slot[2] : null;
    slot[0] = null;
    slot[2] = null;
    if (publish == null) {
      Tracing.end(handle, error);
      return;
    }
    if (error != null) {
      CHANNELS.take(publish.channel, publish.sequenceNumber, false);
    }
    publish.callReturned(error);
  }

  /** The broker confirmed {@code sequenceNumber} (and with {@code multiple}, all before it). */
  public static void confirmed(Object channel, long sequenceNumber, boolean multiple, boolean nack) {
    for (Object publish : CHANNELS.take(channel, sequenceNumber, multiple)) {
      ((Publish) publish).confirmed(nack ? "nack" : "ack", multiple);
    }
  }

  /**
   * A returned message carries {@code headers}: if its publish is still waiting for its confirm
   * on {@code channel}, the reply goes on that span and this returns true.
   */
  public static boolean returned(Object channel, Map<String, Object> headers, int replyCode, String replyText) {
    TagTable table = CHANNELS.find(channel);
    if (table == null || headers == null) {
      return false;
    }
    List<Object> open = new ArrayList<Object>();
    synchronized (table) {
      table.copyInto(open);
    }
    for (Object waiting : open) {
      Publish publish = (Publish) waiting;
      if (publish.mandatory && Tracing.isContextIn(publish.handle, headers)) {
        Tracing.setAttribute(publish.handle, RabbitSpans.RETURN_CODE, (long) replyCode);
        Tracing.setAttribute(publish.handle, RabbitSpans.RETURN_TEXT, replyText);
        return true;
      }
    }
    return false;
  }

  /** The channel closed: what it did not confirm never will be. */
  public static void channelClosed(Object channel) {
    for (Object publish : CHANNELS.takeAll(channel)) {
      ((Publish) publish).unconfirmed("channel closed");
    }
  }

  /** Ends, as unconfirmed, every publish that has waited longer than the timeout. */
  static void expire(long now) {
    for (TagTable table : CHANNELS.all()) {
      List<Publish> expired = null;
      synchronized (table) {
        Publish oldest;
        while ((oldest = (Publish) table.oldest()) != null && now - oldest.sentNanos > timeoutNanos) {
          table.removeOldest();
          if (expired == null) {
            expired = new ArrayList<Publish>();
          }
          expired.add(oldest);
        }
      }
      if (expired != null) {
        for (Publish publish : expired) {
          publish.unconfirmed("timeout");
        }
      }
    }
  }

  static int openOn(Object channel) {
    return CHANNELS.sizeOf(channel);
  }

  /** One thread, started with the first confirm-mode publish, ends publishes that time out. */
  private static void startSweeper() {
    if (sweeper != null) {
      return;
    }
    synchronized (Confirms.class) {
      if (sweeper != null) {
        return;
      }
      Thread thread =
          new Thread("warren-confirm-timeouts") {
            @Override
            public void run() {
              while (true) {
                try {
                  Thread.sleep(1000);
                  expire(System.nanoTime());
                } catch (InterruptedException e) {
                  return;
                } catch (Throwable t) {
                  // Never let the sweeper die of a span it could not end.
                }
              }
            }
          };
      thread.setDaemon(true);
      thread.start();
      sweeper = thread;
    }
  }

  /**
   * One publish waiting for its confirm. The confirm may arrive before the publish call
   * returned, so the span ends at whichever of the two comes last.
   */
  static final class Publish {
    final Object handle;
    final boolean mandatory;
    final Object channel;
    final long sequenceNumber;
    final long sentNanos = System.nanoTime();
    private boolean callDone;
    private String outcome;
    private boolean multiple;
    private String reason;

    Publish(Object handle, boolean mandatory, Object channel, long sequenceNumber) {
      this.handle = handle;
      this.mandatory = mandatory;
      this.channel = channel;
      this.sequenceNumber = sequenceNumber;
    }

    void callReturned(Throwable error) {
      Tracing.setAttribute(
          handle, CALL_DURATION, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sentNanos));
      boolean end;
      synchronized (this) {
        callDone = true;
        end = outcome != null || error != null;
      }
      if (error != null) {
        Tracing.end(handle, error);
      } else if (end) {
        finish();
      }
    }

    void confirmed(String outcome, boolean multiple) {
      settle(outcome, multiple, null);
    }

    void unconfirmed(String reason) {
      settle("unconfirmed", false, reason);
    }

    private void settle(String outcome, boolean multiple, String reason) {
      boolean end;
      synchronized (this) {
        if (this.outcome != null) {
          return;
        }
        this.outcome = outcome;
        this.multiple = multiple;
        this.reason = reason;
        end = callDone;
      }
      if (end) {
        finish();
      }
    }

    private void finish() {
      Tracing.setAttribute(handle, CONFIRM, outcome);
      if (multiple) {
        Tracing.setAttribute(handle, CONFIRM_MULTIPLE, Boolean.TRUE);
      }
      if (reason != null) {
        Tracing.setAttribute(handle, UNCONFIRMED_REASON, reason);
      }
      if ("nack".equals(outcome)) {
        Tracing.fail(handle, "nack", "the broker nacked the message");
      }
      Tracing.end(handle, null);
    }
  }
}
