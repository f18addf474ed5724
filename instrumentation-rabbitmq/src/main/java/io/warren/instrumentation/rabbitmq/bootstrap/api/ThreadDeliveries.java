package io.warren.instrumentation.rabbitmq.bootstrap.api;

import io.warren.instrumentation.rabbitmq.bootstrap.RabbitMetrics;
import io.warren.instrumentation.rabbitmq.bootstrap.SettlementAttributes;

/**
 * Per thread: the deliveries whose span is open on this thread, so that a settle on this thread
 * (a framework container that acks after its listener returned, or a client consumer whose
 * channel is not known) goes on their span. The deliveries a channel hands out are followed on
 * any thread by the channel instead. The deliveries open on a thread are few (one, or one
 * batch), so they sit in a small per-thread table, oldest dropped first; a settle that matches
 * none records nothing.
 */
public final class ThreadDeliveries {

  /** A batch listener's messages and their batch; more are simply not recorded. */
  private static final int MAX_OPEN = 64;

  private static final ThreadLocal<Open> OPEN =
      new ThreadLocal<Open>() {
        @Override
        protected Open initialValue() {
          return new Open();
        }
      };

  private ThreadDeliveries() {}

  /** A delivery's span is open on this thread under {@code deliveryTag}. */
  public static void opened(long deliveryTag, Object handle) {
    if (handle != null) {
      OPEN.get().add(deliveryTag, handle, RabbitMetrics.handledQueue());
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
        SettlementAttributes.describe(open.handles[i], outcome, requeue, multiple);
        if (open.queues[i] != null) {
          RabbitMetrics.settling(open.queues[i]);
          RabbitMetrics.settled(open.queues[i], outcome, requeue);
        }
      }
    }
  }

  private static final class Open {
    final long[] tags = new long[MAX_OPEN];
    final Object[] handles = new Object[MAX_OPEN];
    /** The queue each came from, as metrics name it; null when metrics are off. */
    final String[] queues = new String[MAX_OPEN];
    int count;

    void add(long tag, Object handle, String queue) {
      if (count == MAX_OPEN) {
        System.arraycopy(tags, 1, tags, 0, MAX_OPEN - 1);
        System.arraycopy(handles, 1, handles, 0, MAX_OPEN - 1);
        System.arraycopy(queues, 1, queues, 0, MAX_OPEN - 1);
        count--;
      }
      tags[count] = tag;
      queues[count] = queue;
      handles[count++] = handle;
    }

    void remove(Object handle) {
      for (int i = count - 1; i >= 0; i--) {
        if (handles[i] == handle) {
          System.arraycopy(tags, i + 1, tags, i, count - i - 1);
          System.arraycopy(handles, i + 1, handles, i, count - i - 1);
          System.arraycopy(queues, i + 1, queues, i, count - i - 1);
          queues[count - 1] = null;
          handles[--count] = null;
          return;
        }
      }
    }

    void clear() {
      for (int i = 0; i < count; i++) {
        handles[i] = null;
        queues[i] = null;
      }
      count = 0;
    }
  }
}
