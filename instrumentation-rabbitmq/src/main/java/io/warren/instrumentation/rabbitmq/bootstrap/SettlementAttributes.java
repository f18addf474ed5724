package io.warren.instrumentation.rabbitmq.bootstrap;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;

/**
 * How a consumer settled a delivery (ack, nack, reject, requeued or not, several at once), as
 * attributes: on the delivery's span while it is open, or on a settle span of its own after it.
 */
public final class SettlementAttributes {

  static final SpanAttribute SETTLEMENT = SpanAttribute.string("messaging.rabbitmq.settlement");
  static final SpanAttribute REQUEUE = SpanAttribute.flag("messaging.rabbitmq.settlement.requeue");
  static final SpanAttribute MULTIPLE = SpanAttribute.flag("messaging.rabbitmq.settlement.multiple");

  private SettlementAttributes() {}

  /** The consumer acknowledges nothing: the broker settled the delivery when it sent it. */
  public static SpanStart autoAck(SpanStart span) {
    return span.set(SETTLEMENT, "auto-ack");
  }

  /** The outcome on the open span of {@code handle}. */
  public static void describe(Object handle, String outcome, Boolean requeue, boolean multiple) {
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
}
