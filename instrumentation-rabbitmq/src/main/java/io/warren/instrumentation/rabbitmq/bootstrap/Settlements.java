package io.warren.instrumentation.rabbitmq.bootstrap;

import io.warren.bootstrap.CallDepth;
import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;

/**
 * How a consumer settled a delivery (ack, nack, reject; requeued or not), recorded on the
 * delivery's span while it is open on this thread: a framework container that acks after its
 * listener returned, or a client consumer whose channel is not known ({@link Unsettled} follows
 * the others on any thread). The deliveries open on a thread are few (one, or one batch), so
 * they sit in a small per-thread table, oldest dropped first; a settle that matches none records
 * nothing.
 */
public final class Settlements {

  static final SpanAttribute SETTLEMENT = SpanAttribute.string("messaging.rabbitmq.settlement");
  static final SpanAttribute REQUEUE = SpanAttribute.flag("messaging.rabbitmq.settlement.requeue");
  static final SpanAttribute MULTIPLE = SpanAttribute.flag("messaging.rabbitmq.settlement.multiple");

  /** One settle per basicAck/Nack/Reject, however many channel wrappers it goes through. */
  public static final int SETTLE_DEPTH = CallDepth.newKind();

  /** A batch listener's messages and their batch; more are simply not recorded. */
  private static final int MAX_OPEN = 64;

  private static final ThreadLocal<Open> OPEN =
      new ThreadLocal<Open>() {
        @Override
        protected Open initialValue() {
          return new Open();
        }
      };

  private Settlements() {}

  /** The consumer acknowledges nothing: the broker settled the delivery when it sent it. */
  public static SpanStart autoAck(SpanStart span) {
    return span.set(SETTLEMENT, "auto-ack");
  }

  /** A delivery's span is open on this thread under {@code deliveryTag}. */
  public static void opened(long deliveryTag, Object handle) {
    if (handle != null) {
      OPEN.get().add(deliveryTag, handle);
    }
  }

  /** The delivery's span is about to end. */
  public static void closed(Object handle) {
    if (handle != null) {
      OPEN.get().remove(handle);
    }
  }

  /** Forgets every delivery open on this thread (a container's unit of work ended). */
  public static void closeAll() {
    OPEN.get().clear();
  }

  /**
   * basicAck, basicNack or basicReject of {@code deliveryTag} (and, with {@code multiple}, every
   * earlier tag) on this thread.
   */
  public static void settled(long deliveryTag, boolean multiple, String outcome, Boolean requeue) {
    Open open = OPEN.get();
    for (int i = 0; i < open.count; i++) {
      long tag = open.tags[i];
      if (tag == deliveryTag || (multiple && tag < deliveryTag)) {
        describe(open.handles[i], outcome, requeue, multiple);
      }
    }
  }

  /** The outcome on the open span of {@code handle}. */
  static void describe(Object handle, String outcome, Boolean requeue, boolean multiple) {
    Tracing.setAttribute(handle, SETTLEMENT, outcome);
    if (requeue != null) {
      Tracing.setAttribute(handle, REQUEUE, requeue);
    }
    if (multiple) {
      Tracing.setAttribute(handle, MULTIPLE, Boolean.TRUE);
    }
  }

  /** The outcome on a settle span about to start. */
  static void describe(SpanStart span, String outcome, Boolean requeue, boolean multiple) {
    span.set(RabbitSpans.OPERATION_NAME, outcome).set(SETTLEMENT, outcome);
    if (requeue != null) {
      span.set(REQUEUE, requeue.booleanValue());
    }
    if (multiple) {
      span.set(MULTIPLE, true);
    }
  }

  private static final class Open {
    final long[] tags = new long[MAX_OPEN];
    final Object[] handles = new Object[MAX_OPEN];
    int count;

    void add(long tag, Object handle) {
      if (count == MAX_OPEN) {
        System.arraycopy(tags, 1, tags, 0, MAX_OPEN - 1);
        System.arraycopy(handles, 1, handles, 0, MAX_OPEN - 1);
        count--;
      }
      tags[count] = tag;
      handles[count++] = handle;
    }

    void remove(Object handle) {
      for (int i = count - 1; i >= 0; i--) {
        if (handles[i] == handle) {
          System.arraycopy(tags, i + 1, tags, i, count - i - 1);
          System.arraycopy(handles, i + 1, handles, i, count - i - 1);
          handles[--count] = null;
          return;
        }
      }
    }

    void clear() {
      for (int i = 0; i < count; i++) {
        handles[i] = null;
      }
      count = 0;
    }
  }
}
