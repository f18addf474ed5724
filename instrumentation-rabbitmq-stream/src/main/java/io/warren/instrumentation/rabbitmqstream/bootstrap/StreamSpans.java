package io.warren.instrumentation.rabbitmqstream.bootstrap;

import io.warren.bootstrap.CallDepth;
import io.warren.bootstrap.CommonAttributes;
import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import java.util.Map;

/**
 * How a stream message becomes a span: {@code publish <stream>} (PRODUCER) for a send,
 * {@code process <stream>} (CONSUMER) for a handler's call, with the attributes of the
 * OpenTelemetry messaging conventions the RabbitMQ module uses, so both clients' spans read alike.
 */
public final class StreamSpans {

  static final String INSTRUMENTATION = "io.warren.rabbitmq-stream";

  /** One span per send, however the application's code wraps the producer. */
  public static final int SEND_DEPTH = CallDepth.newKind();

  static final SpanAttribute SYSTEM = SpanAttribute.string("messaging.system");
  static final SpanAttribute OPERATION_NAME = SpanAttribute.string("messaging.operation.name");
  static final SpanAttribute OPERATION_TYPE = SpanAttribute.string("messaging.operation.type");
  static final SpanAttribute DESTINATION = SpanAttribute.string("messaging.destination.name");
  static final SpanAttribute MESSAGE_ID = SpanAttribute.string("messaging.message.id");
  static final SpanAttribute OFFSET = SpanAttribute.longValue("messaging.rabbitmq.stream.offset");
  static final SpanAttribute TIME_IN_STREAM =
      SpanAttribute.longValue("messaging.rabbitmq.stream.time_in_stream_ms");

  private StreamSpans() {}

  /**
   * A send to {@code stream}; the caller adds {@code injectInto} the carrier it will send.
   *
   * @param messageId the message's AMQP message-id (a String, number, UUID or bytes), or null
   */
  public static SpanStart publish(String stream, Object messageId) {
    return common(SpanStart.Kind.PRODUCER, "publish", "send", stream, messageId);
  }

  /**
   * A message handed to a handler, its parent from {@code carrier} (what the message carries).
   *
   * @param chunkTimestamp when the broker wrote the message's chunk (epoch ms), 0 if not known
   * @param now the time of the handler's call (epoch ms)
   */
  public static SpanStart process(
      String stream,
      Object messageId,
      long offset,
      long chunkTimestamp,
      long now,
      Map<String, Object> carrier) {
    SpanStart span =
        common(SpanStart.Kind.CONSUMER, "process", "process", stream, messageId)
            .parentFrom(carrier)
            .set(OFFSET, offset);
    if (chunkTimestamp > 0) {
      // A consumer whose clock runs behind the broker's would get a negative time.
      span.set(TIME_IN_STREAM, Math.max(0, now - chunkTimestamp));
    }
    return span;
  }

  private static SpanStart common(
      SpanStart.Kind kind, String operation, String type, String stream, Object messageId) {
    String name = stream == null ? "" : stream;
    return SpanStart.begin(INSTRUMENTATION, kind, operation + " " + name)
        .set(SYSTEM, "rabbitmq")
        .set(OPERATION_NAME, operation)
        .set(OPERATION_TYPE, type)
        .set(DESTINATION, name)
        .set(MESSAGE_ID, messageIdText(messageId))
        .set(CommonAttributes.PEER_SERVICE, "rabbitmq");
  }

  /** A message id as text; binary ids are left out (they are not text, and rarely used). */
  static String messageIdText(Object messageId) {
    if (messageId == null || messageId instanceof byte[]) {
      return null;
    }
    return messageId.toString();
  }
}
