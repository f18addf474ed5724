package io.warren.instrumentation.rabbitmqstream.bootstrap;

import io.warren.bootstrap.Tracing;
import java.util.Map;

/**
 * One traced {@code Producer.send}: its PRODUCER span, waiting for the confirm in
 * {@link OpenPublishes}, and what the send hands to the client instead of the application's
 * message and confirmation handler.
 */
public final class StreamSend {

  private final Object publish;
  private final Map<String, Object> contextEntries;

  private StreamSend(Object publish, Map<String, Object> contextEntries) {
    this.publish = publish;
    this.contextEntries = contextEntries;
  }

  /**
   * Starts the span of a send to {@code stream} on {@code producer}, continuing a context the
   * message already carries when no span is current; null when nothing is traced.
   */
  public static StreamSend start(
      Object producer,
      String stream,
      Object messageId,
      Map<String, Object> annotations,
      Map<String, Object> properties) {
    ContextEntries carrier = ContextEntries.of(annotations, properties);
    Object handle = Tracing.start(StreamSpans.publish(stream, messageId).injectInto(carrier));
    if (handle == null) {
      return null;
    }
    return new StreamSend(OpenPublishes.open(producer, handle), carrier.written());
  }

  /**
   * What the client gets instead of the application's {@code message} and {@code handler}
   * (null: none given): {message, handler}, as a {@code messageType} and a {@code handlerType}.
   * When they cannot be made, the application's own, and the span ends now, unconfirmed.
   */
  public Object[] replacements(
      Class<?> messageType,
      Object message,
      Map<String, Object> properties,
      Class<?> handlerType,
      Object handler) {
    try {
      Object sent = TracedMessage.wrap(messageType, message, properties, contextEntries);
      return new Object[] {sent, ConfirmingHandler.wrap(handlerType, handler, publish, sent, message)};
    } catch (Throwable t) {
      OpenPublishes.failed(publish, null);
      return new Object[] {message, handler};
    }
  }

  /** The send threw: nothing was sent. */
  public void failed(Throwable error) {
    OpenPublishes.failed(publish, error);
  }
}
