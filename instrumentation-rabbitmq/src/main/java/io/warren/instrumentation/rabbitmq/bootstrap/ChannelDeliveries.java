package io.warren.instrumentation.rabbitmq.bootstrap;

import io.warren.bootstrap.CallDepth;
import io.warren.bootstrap.Metrics;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;
import io.warren.instrumentation.rabbitmq.bootstrap.api.Subscriptions;
import io.warren.instrumentation.rabbitmq.bootstrap.api.ThreadDeliveries;
import java.util.List;

/**
 * Per channel: the deliveries a channel handed to a consumer that acknowledges them itself,
 * until it does ({@link ThreadDeliveries} holds the others, per thread). A settle while the
 * delivery's span is open goes on that span (whichever thread settles); a settle after it ended
 * (a handler that hands the work to another thread, which acks later) is a short settle span
 * under it (a basicAck with multiple=true: one for all the deliveries it covers, under the
 * newest); a delivery still unsettled when its channel closes gets one saying so (the broker
 * delivers it again). At most {@link #MAX_PER_CHANNEL} are kept per channel: the oldest are
 * forgotten first. A redelivery that got no span ({@link Redeliveries}) is followed too: when it
 * ends the loop (acked, or not requeued) its settle span says which redelivery it was.
 */
public final class ChannelDeliveries {

  static final int MAX_PER_CHANNEL = 10_000;

  /**
   * One lookup per basicAck, basicNack or basicReject: the first call that reaches the client's
   * own channel (ChannelN), through however many wrappers. Deeper calls are skipped: the oldest
   * clients' recovering channel passes the tag on to its superclass shifted.
   */
  public static final int SETTLE_DEPTH = CallDepth.newKind();

  private static final ChannelTables CHANNELS = new ChannelTables();

  private static final String ACK = "ack";

  private ChannelDeliveries() {}

  /**
   * The client's channel {@code channel} handed {@code deliveryTag} to a consumer that
   * acknowledges itself, in the span of {@code handle}; returns what {@link #handled} takes.
   */
  public static Object delivering(
      Object channel, long deliveryTag, Object handle, String queue, Redeliveries.Redelivery redelivery) {
    boolean unrecorded = redelivery != null && !redelivery.recorded();
    Object context = channel == null || unrecorded ? null : Tracing.contextOf(handle);
    if (channel == null || (context == null && !unrecorded)) {
      return handle; // nothing traced (a destination left out): nothing to settle in a trace
    }
    Delivery delivery = new Delivery(handle, context, queue, deliveryTag, redelivery);
    TagTable table = CHANNELS.of(channel);
    synchronized (table) {
      if (table.size() >= MAX_PER_CHANNEL) {
        table.removeOldest();
      }
      if (!table.add(deliveryTag, delivery)) {
        return handle; // not numbered in order: the consumer's settle goes unrecorded
      }
    }
    return delivery;
  }

  /**
   * Starts the span of a delivery pushed to a client consumer, current on this thread
   * ({@code DeliverySpan.startCurrent}): an auto-acked delivery says so; any other is followed
   * until it is settled ({@link #delivering}), or, its channel unknown, while its span is open on
   * this thread. Returns what {@link #handled} takes.
   *
   * @param subscription the subscription it came through, or null when not known
   * @param redelivery which redelivery of its message it is, or null
   */
  public static Object deliveryStarted(
      SpanStart span, Subscriptions.Subscription subscription, long deliveryTag, Redeliveries.Redelivery redelivery) {
    if (subscription != null && subscription.autoAck) {
      SettlementAttributes.autoAck(span);
    }
    Object handle = Tracing.startCurrent(span);
    if (subscription != null && !subscription.autoAck) {
      Object delivery = delivering(subscription.channel, deliveryTag, handle, subscription.queue, redelivery);
      if (delivery != handle) {
        return delivery; // settled on any thread, or marked unsettled when the channel closes
      }
    }
    ThreadDeliveries.opened(deliveryTag, handle);
    return handle;
  }

  /**
   * The handler returned (or threw {@code error}): the span {@link #delivering} started ends, and
   * a later settle makes a span of its own.
   */
  public static void handled(Object started, Throwable error) {
    if (started != null) {
      RabbitMetrics.handled(null, error); // its span still current: the measurement's exemplar
    }
    if (started instanceof Delivery) {
      Tracing.end(((Delivery) started).spanEnded(), error);
      Tracing.end(((Delivery) started).passThrough, null);
    } else {
      ThreadDeliveries.closed(started);
      Tracing.end(started, error);
    }
  }

  /**
   * basicAck, basicNack or basicReject of {@code deliveryTag} (with {@code multiple}, and of every
   * earlier one) reached the client's channel {@code channel}: the outcome goes to the deliveries
   * open on this thread and to those this channel handed out.
   */
  public static void settled(Object channel, long deliveryTag, boolean multiple, String outcome, Boolean requeue) {
    ThreadDeliveries.settled(deliveryTag, multiple, outcome, requeue);
    List<Object> taken = CHANNELS.take(channel, deliveryTag, multiple);
    if (!taken.isEmpty() && Metrics.enabled()) {
      RabbitMetrics.settling(((Delivery) taken.get(0)).queue);
      for (Object delivery : taken) {
        RabbitMetrics.settled(((Delivery) delivery).queue, outcome, requeue);
      }
    }
    if (multiple && ACK.equals(outcome)) {
      ackedTogether(taken);
      return;
    }
    for (Object delivery : taken) {
      ((Delivery) delivery).settled(outcome, requeue, multiple, null);
    }
  }

  /**
   * One basicAck with multiple=true settled {@code taken} (oldest first). A delivery whose span
   * is open gets the ack on it; the acks of those whose span has ended are summed up
   * ({@link AckedTogether}) on the newest one's span: on it while open, else on its one settle
   * span. So the ack costs at most one span, however many deliveries it covers.
   */
  private static void ackedTogether(List<Object> taken) {
    if (taken.isEmpty()) {
      return;
    }
    Delivery newest = null;
    for (Object each : taken) {
      if (((Delivery) each).context != null) {
        newest = (Delivery) each;
      }
    }
    AckedTogether together =
        new AckedTogether(
            taken.size(),
            ((Delivery) taken.get(0)).deliveryTag,
            ((Delivery) taken.get(taken.size() - 1)).deliveryTag);
    for (Object each : taken) {
      Delivery delivery = (Delivery) each;
      if (delivery == newest) {
        delivery.settled(ACK, null, true, together);
      } else {
        delivery.settledWithoutSpan(ACK, null, true, null);
      }
    }
  }

  /** The channel closed: what it did not settle, the broker delivers again. */
  public static void channelClosed(Object channel) {
    for (Object delivery : CHANNELS.takeAll(channel)) {
      RabbitMetrics.settled(((Delivery) delivery).queue, "unsettled", null);
      ((Delivery) delivery).settled("unsettled", null, false, null);
    }
  }

  /** One delivery waiting to be settled. */
  private static final class Delivery {
    /** The span while it is open; then only its context is kept. */
    private Object handle;

    /** The scope of a redelivery that got no span (its message's context current), else null. */
    final Object passThrough;

    /** The span's context; null for a redelivery that got no span. */
    private final Object context;

    private final String queue;
    private final long deliveryTag;
    private final Redeliveries.Redelivery redelivery;
    private boolean spanOpen;

    Delivery(Object handle, Object context, String queue, long deliveryTag, Redeliveries.Redelivery redelivery) {
      this.handle = context == null ? null : handle;
      this.passThrough = context == null ? handle : null;
      this.spanOpen = context != null;
      this.context = context;
      this.queue = queue;
      this.deliveryTag = deliveryTag;
      this.redelivery = redelivery;
    }

    /** Returns the span's handle, forgotten from now on. */
    synchronized Object spanEnded() {
      Object ending = handle;
      spanOpen = false;
      handle = null;
      return ending;
    }

    /**
     * Settled: recorded on its span while open, else on a settle span under it; {@code together}
     * (or null) sums up the other deliveries a multiple ack settled with it.
     */
    void settled(String outcome, Boolean requeue, boolean multiple, AckedTogether together) {
      if (!settledWithoutSpan(outcome, requeue, multiple, together)) {
        SpanStart span = RabbitSpans.settle(context, queue, deliveryTag);
        if (together != null) {
          together.describe(span);
        }
        record(span, outcome, requeue, multiple);
      }
    }

    /**
     * Settled, recorded only where that needs no settle span under its own: on its span while
     * open (with {@code together}, if not null), or, a redelivery that got no span, on the span
     * that ends its loop. False when its span has ended: the settle is the caller's to record, or
     * not.
     */
    boolean settledWithoutSpan(String outcome, Boolean requeue, boolean multiple, AckedTogether together) {
      boolean endsLoop = Redeliveries.endsLoop(outcome, requeue);
      if (endsLoop) {
        Redeliveries.ended(redelivery);
      }
      synchronized (this) {
        if (spanOpen) {
          SettlementAttributes.describe(handle, outcome, requeue, multiple);
          if (together != null) {
            together.describe(handle);
          }
          return true;
        }
      }
      if (context != null) {
        return false;
      }
      if (endsLoop) {
        // The last of a loop's redeliveries, which got no span: this one says how long it ran.
        record(
            Redeliveries.counted(RabbitSpans.settle(null, queue, deliveryTag), redelivery)
                .parentFrom(redelivery.headers),
            outcome, requeue, multiple);
      }
      return true; // recorded, or one more unrecorded turn of the loop
    }

    private static void record(SpanStart span, String outcome, Boolean requeue, boolean multiple) {
      SettlementAttributes.describe(span, outcome, requeue, multiple);
      Tracing.end(Tracing.start(span), null);
    }
  }
}
