package io.warren.instrumentation.rabbitmq.bootstrap;

import io.warren.bootstrap.DeadlineSweeper;
import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.WarrenLog;
import io.warren.bootstrap.WeakIdentityMap;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

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

  /** The outermost publish on this thread, from its span's start until its call returns. */
  private static final ThreadLocal<ThreadPublish> PUBLISHING =
      new ThreadLocal<ThreadPublish>() {
        @Override
        protected ThreadPublish initialValue() {
          return new ThreadPublish();
        }
      };

  /** Per connection, whether its thread is in the application's confirm listeners. */
  private static final WeakIdentityMap<ConnectionReader> READERS =
      new WeakIdentityMap<ConnectionReader>();
  private static final WeakIdentityMap.Factory<ConnectionReader> NEW_READER =
      new WeakIdentityMap.Factory<ConnectionReader>() {
        @Override
        public ConnectionReader create() {
          return new ConnectionReader();
        }
      };

  /** System.nanoTime, or a test's clock. */
  static volatile LongSupplier clock =
      new LongSupplier() {
        @Override
        public long getAsLong() {
          return System.nanoTime();
        }
      };

  /** Started with the first confirm-mode publish; ends the publishes that time out. */
  private static final DeadlineSweeper SWEEPER =
      new DeadlineSweeper(
          "warren-confirm-timeouts",
          new DeadlineSweeper.Sweep() {
            @Override
            public long sweep() {
              return expire(clock.getAsLong());
            }
          });

  private static volatile boolean overflowLogged;

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
    publishing(handle, mandatory, null, null, -1);
  }

  /**
   * As {@link #publishing(Object, boolean)}, measured by metrics under {@code destination}
   * ({@code RabbitMetrics.publishDestination}; null: not measured), sent to the broker at
   * {@code address} and {@code port}.
   */
  public static void publishing(Object handle, boolean mandatory, String destination, InetAddress address, int port) {
    ThreadPublish current = PUBLISHING.get();
    current.handle = handle;
    current.mandatory = mandatory;
    current.awaitingConfirm = null;
    current.destination = destination;
    current.address = destination == null || address == null ? null : RabbitSpans.format(address);
    current.port = port;
    current.startNanos = destination == null ? 0 : System.nanoTime();
  }

  /**
   * The client's channel {@code channel}, of {@code connection}, is sending the publish started
   * on this thread as number {@code sequenceNumber} (0: the channel is not in confirm mode).
   */
  public static void sending(Object channel, Object connection, long sequenceNumber) {
    ThreadPublish current = PUBLISHING.get();
    if (current.handle == null || current.awaitingConfirm != null) {
      return;
    }
    if (sequenceNumber <= 0) {
      // No confirm will tell whether the broker took it: remembered in case it refuses it.
      RefusedPublishes.sending(channel, current.handle);
      return;
    }
    Publish publish =
        new Publish(current.handle, current.mandatory, channel, connection, sequenceNumber, current);
    TagTable table = CHANNELS.of(channel);
    Publish evicted = null;
    synchronized (table) {
      if (table.size() >= MAX_OPEN_PER_CHANNEL) {
        evicted = (Publish) table.removeOldest();
      }
      if (table.add(sequenceNumber, publish)) {
        current.awaitingConfirm = publish;
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
    SWEEPER.wake();
  }

  /**
   * The outermost publish returned (or threw {@code error}): its span ends now, or, when the
   * broker is to confirm it, once it has.
   */
  public static void published(Object handle, Throwable error) {
    ThreadPublish current = PUBLISHING.get();
    Publish publish = current.handle == handle ? current.awaitingConfirm : null;
    current.handle = null;
    current.awaitingConfirm = null;
    if (publish == null) {
      if (current.destination != null) {
        RabbitMetrics.sent(current.destination, current.address, current.port, error, handle);
        RabbitMetrics.publishEnded(
            current.destination, current.address, current.port, error, System.nanoTime() - current.startNanos, handle);
      }
      current.destination = null;
      Tracing.end(handle, error);
      return;
    }
    current.destination = null;
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
   * The thread of {@code connection} is about to run the application's confirm listeners: until
   * {@link #listenersReturned}, the confirms behind this one wait unread, so nothing on that
   * connection times out. Returns what to hand to {@link #listenersReturned}.
   */
  public static Object listenersRunning(Object connection) {
    ConnectionReader reader = READERS.getOrCreate(connection, NEW_READER);
    reader.inListeners = true;
    return reader;
  }

  /** The application's confirm listeners returned; the connection reads its confirms again. */
  public static void listenersReturned(Object reader) {
    ConnectionReader returned = (ConnectionReader) reader;
    returned.freeSince = clock.getAsLong();
    returned.inListeners = false;
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
        publish.returned();
        Tracing.setAttribute(publish.handle, RabbitSpans.RETURN_CODE, (long) replyCode);
        Tracing.setAttribute(publish.handle, RabbitSpans.RETURN_TEXT, replyText);
        return true;
      }
    }
    return false;
  }

  /**
   * The channel closed: what it did not confirm never will be. A {@code refusalCode} other than
   * 0 is the broker's reply when it closed the channel because of a publish: each publish ends
   * failed with it. Returns true when any publish was waiting.
   */
  static boolean channelClosed(Object channel, int refusalCode, String refusalText) {
    List<Object> lost = CHANNELS.takeAll(channel);
    for (Object waiting : lost) {
      Publish publish = (Publish) waiting;
      if (refusalCode != 0) {
        RefusedPublishes.refused(publish.handle, refusalCode, refusalText);
      }
      publish.unconfirmed("channel closed");
    }
    return !lost.isEmpty();
  }

  /**
   * Ends, as unconfirmed, every publish that has waited for its confirm for the timeout while
   * its connection could read it (time in the application's confirm listeners does not count).
   *
   * @return nanoseconds until the next publish may time out, or -1 when none waits
   */
  static long expire(long now) {
    long timeout = timeoutNanos;
    long next = -1;
    for (TagTable table : CHANNELS.all()) {
      List<Publish> expired = null;
      synchronized (table) {
        Publish oldest;
        while ((oldest = (Publish) table.oldest()) != null) {
          long left = oldest.deadline(timeout, now) - now;
          if (left > 0) {
            next = next < 0 ? left : Math.min(next, left);
            break;
          }
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
    return next;
  }

  static int openOn(Object channel) {
    return CHANNELS.sizeOf(channel);
  }

  /** What the current thread knows of the outermost publish it is making. */
  private static final class ThreadPublish {
    /** The publish span, null when no publish is under way. */
    Object handle;
    boolean mandatory;
    /** Set once the client's channel numbered the publish for a confirm. */
    Publish awaitingConfirm;
    /** Where metrics say it goes; null: not measured. */
    String destination;
    String address;
    long port;
    long startNanos;
  }

  /** Whether a connection's thread, which reads the broker's confirms, is busy elsewhere. */
  static final class ConnectionReader {
    volatile boolean inListeners;
    /** When it last came back from the application's listeners (clock nanos; 0: never). */
    volatile long freeSince;
  }

  /**
   * One publish waiting for its confirm. The confirm may arrive before the publish call
   * returned, so the span ends at whichever of the two comes last.
   */
  static final class Publish {
    final Object handle;
    final boolean mandatory;
    final Object channel;
    final Object connection;
    final long sequenceNumber;
    final long sentNanos = clock.getAsLong();
    private boolean callDone;
    private String outcome;
    private boolean multiple;
    private String reason;
    private boolean returned;
    private final String destination;
    private final String address;
    private final long port;
    private final long startNanos;

    Publish(
        Object handle, boolean mandatory, Object channel, Object connection, long sequenceNumber, ThreadPublish measured) {
      this.handle = handle;
      this.mandatory = mandatory;
      this.channel = channel;
      this.connection = connection;
      this.sequenceNumber = sequenceNumber;
      this.destination = measured.destination;
      this.address = measured.address;
      this.port = measured.port;
      this.startNanos = measured.startNanos;
    }

    /** The broker returned it as unroutable; its ack follows. */
    synchronized void returned() {
      returned = true;
    }

    /**
     * When it times out: {@code timeout} after it was sent, or after its connection last came
     * back from the application's listeners; while they run, not before {@code now + timeout}.
     */
    long deadline(long timeout, long now) {
      ConnectionReader reader = READERS.get(connection);
      if (reader == null) {
        return sentNanos + timeout;
      }
      if (reader.inListeners) {
        return now + timeout;
      }
      return Math.max(sentNanos, reader.freeSince) + timeout;
    }

    void callReturned(Throwable error) {
      Tracing.setAttribute(
          handle, CALL_DURATION, TimeUnit.NANOSECONDS.toMicros(clock.getAsLong() - sentNanos));
      boolean end;
      synchronized (this) {
        callDone = true;
        end = outcome != null || error != null;
      }
      if (destination != null) {
        RabbitMetrics.sent(destination, address, port, error, handle);
        if (error != null) {
          RabbitMetrics.publishEnded(destination, address, port, error, System.nanoTime() - startNanos, handle);
        }
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
      if (destination != null) {
        boolean returnedAck;
        synchronized (this) {
          returnedAck = returned && "ack".equals(outcome);
        }
        RabbitMetrics.confirmed(
            destination, address, port, returnedAck ? "returned" : outcome,
            "channel closed".equals(reason) ? "channel_closed" : reason, System.nanoTime() - startNanos, handle);
      }
      Tracing.end(handle, null);
    }
  }
}
