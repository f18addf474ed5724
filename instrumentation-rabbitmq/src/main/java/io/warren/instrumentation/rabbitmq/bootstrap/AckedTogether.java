package io.warren.instrumentation.rabbitmq.bootstrap;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;

/**
 * What one basicAck with multiple=true settled, summed up on a single span: how many of the
 * deliveries Warren followed on the channel it acked, and their delivery tags from first to last.
 * A span per covered delivery would add a span per message to every consumer that acks in
 * batches (PerfTest's {@code -A 10}: 0.9 of a span per message).
 */
final class AckedTogether {

  static final SpanAttribute COUNT = SpanAttribute.longValue("messaging.rabbitmq.settlement.count");
  static final SpanAttribute FIRST_TAG =
      SpanAttribute.longValue("messaging.rabbitmq.settlement.first_delivery_tag");
  static final SpanAttribute LAST_TAG =
      SpanAttribute.longValue("messaging.rabbitmq.settlement.last_delivery_tag");

  private final long count;
  private final long firstTag;
  private final long lastTag;

  AckedTogether(long count, long firstTag, long lastTag) {
    this.count = count;
    this.firstTag = firstTag;
    this.lastTag = lastTag;
  }

  /** On the open span of {@code handle}. */
  void describe(Object handle) {
    Tracing.setAttribute(handle, COUNT, count);
    Tracing.setAttribute(handle, FIRST_TAG, firstTag);
    Tracing.setAttribute(handle, LAST_TAG, lastTag);
  }

  /** On a settle span about to start. */
  void describe(SpanStart span) {
    span.set(COUNT, count).set(FIRST_TAG, firstTag).set(LAST_TAG, lastTag);
  }
}
