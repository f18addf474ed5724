package io.warren.instrumentation.rabbitmqstream.bootstrap;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.TracingBackend;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tracing core that records the spans it is asked for. A producer span writes
 * {@code traceparent=tp-<its number>} into its carrier, as a real core writes its context there.
 */
final class RecordingTracer implements TracingBackend {

  static final class Span {
    final int number;
    final SpanStart.Kind kind;
    final String name;
    final boolean current;
    final Map<String, Object> attributes = new HashMap<>();
    final Map<String, Object> parentFrom;
    /** For a producer, what its carrier held when it started: a context to continue, if any. */
    final Map<String, Object> injectInto;
    volatile boolean ended;
    volatile Throwable error;
    volatile String failed;

    Span(int number, SpanStart start, boolean current) {
      this.number = number;
      this.kind = start.kind();
      this.name = start.name();
      this.current = current;
      for (int i = 0; i < start.attributeCount(); i++) {
        Object value = start.value(i);
        attributes.put(start.key(i).name(), value == null ? (Object) start.longValue(i) : value);
      }
      this.parentFrom = start.parentFrom() == null ? null : new HashMap<>(start.parentFrom());
      this.injectInto = start.injectInto() == null ? null : new HashMap<>(start.injectInto());
    }

    Object attribute(String key) {
      return attributes.get(key);
    }
  }

  final List<Span> spans = new CopyOnWriteArrayList<>();
  volatile Span current;

  @Override
  public Object start(SpanStart start) {
    Span span = new Span(spans.size() + 1, start, false);
    spans.add(span);
    if (start.injectInto() != null) {
      start.injectInto().put("traceparent", "tp-" + span.number);
    }
    return span;
  }

  @Override
  public Object startCurrent(SpanStart start) {
    Span span = new Span(spans.size() + 1, start, true);
    spans.add(span);
    current = span;
    return span;
  }

  @Override
  public void closeScope(Object handle) {
    current = null;
  }

  @Override
  public void recordException(Object handle, Throwable error) {}

  @Override
  public void setAttribute(Object handle, SpanAttribute key, Object value) {
    ((Span) handle).attributes.put(key.name(), value);
  }

  @Override
  public void fail(Object handle, String errorType, String description) {
    ((Span) handle).failed = errorType;
  }

  @Override
  public void end(Object handle, Throwable error) {
    Span span = (Span) handle;
    span.error = error;
    span.ended = true;
    if (current == span) {
      current = null;
    }
  }
}
