package io.warren.instrumentation.rabbitmq;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.TracingBackend;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tracing core that records what the advice describes. It copies each description before
 * returning (Tracing clears it right after), marks the headers a producer sends with the span's
 * id, as a real core writes its context there, and keeps track of which span is current on each
 * thread.
 */
final class RecordingBackend implements TracingBackend {

  /** The header a producer span writes: its id. */
  static final String MARK = "x-test-span";

  /**
   * A started span.
   *
   * @param carrier for a producer, the headers as the advice handed them over (before the mark);
   *     for a consumer, the received headers it reads its parent from (a copy; null if none)
   * @param currentAtStart the id of the span current on the starting thread, or null
   */
  record Span(
      String id,
      String instrumentation,
      SpanStart.Kind kind,
      String name,
      Map<String, Object> attributes,
      Map<String, Object> carrier,
      String currentAtStart,
      boolean madeCurrent,
      long startEpochNanos,
      String thread,
      Object childOf) {

    String operation() {
      return (String) attributes.get("messaging.operation.name");
    }

    Object attribute(String key) {
      return attributes.get(key);
    }

    /** The id of the producer span whose headers this consumer span read, or null. */
    String producerId() {
      Object mark = carrier == null ? null : carrier.get(MARK);
      return mark == null ? null : mark.toString();
    }
  }

  record End(String id, Throwable error) {}

  final List<Span> started = new CopyOnWriteArrayList<>();
  final List<End> ended = new CopyOnWriteArrayList<>();
  final List<Throwable> exceptions = new CopyOnWriteArrayList<>();
  private final Map<Thread, Deque<String>> current = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  @Override
  public Object start(SpanStart span) {
    if (span.isContextOnly()) {
      if (span.injectInto() != null && currentSpanId() != null && !currentSpanId().isEmpty()) {
        span.injectInto().put(MARK, currentSpanId());
      }
      return null;
    }
    return record(span, false);
  }

  @Override
  public Object contextOf(Object handle) {
    return handle;
  }

  @Override
  public void fail(Object handle, String errorType, String description) {
    failures.put((String) handle, errorType);
  }

  @Override
  public boolean isContextIn(Object handle, Map<String, Object> carrier) {
    Object mark = carrier.get(MARK);
    return mark != null && mark.toString().equals(handle);
  }

  @Override
  public Object startCurrent(SpanStart span) {
    if (span.isContextOnly()) {
      Object mark = span.parentFrom() == null ? null : span.parentFrom().get(MARK);
      PassThrough passThrough = new PassThrough(mark == null ? currentSpanId() : mark.toString());
      stack().push(passThrough.carriedId() == null ? "" : passThrough.carriedId());
      return passThrough;
    }
    String id = record(span, true);
    stack().push(id);
    return id;
  }

  /** What a context-only description (an excluded destination) makes current: no span. */
  record PassThrough(String carriedId) {}

  final Map<String, String> failures = new ConcurrentHashMap<>();

  private String record(SpanStart span, boolean makeCurrent) {
    String id = "span-" + ids.incrementAndGet();
    Map<String, Object> attributes = new java.util.concurrent.ConcurrentHashMap<>();
    for (int i = 0; i < span.attributeCount(); i++) {
      SpanAttribute key = span.key(i);
      attributes.put(
          key.name(), key.type() == SpanAttribute.Type.LONG ? (Object) span.longValue(i) : span.value(i));
    }
    Map<String, Object> carrier = null;
    if (span.injectInto() != null) {
      carrier = new HashMap<>(span.injectInto());
      span.injectInto().put(MARK, id);
    } else if (span.parentFrom() != null) {
      carrier = new HashMap<>(span.parentFrom());
    }
    started.add(
        new Span(
            id,
            span.instrumentation(),
            span.kind(),
            span.name(),
            attributes,
            carrier,
            currentSpanId(),
            makeCurrent,
            span.startEpochNanos(),
            Thread.currentThread().getName(),
            span.parentContext()));
    return id;
  }

  @Override
  public void closeScope(Object handle) {
    stack().remove(handle instanceof PassThrough p ? (p.carriedId() == null ? "" : p.carriedId()) : handle);
  }

  @Override
  public void recordException(Object handle, Throwable error) {
    exceptions.add(error);
  }

  @Override
  public void setAttribute(Object handle, SpanAttribute key, Object value) {
    // As the SDK: an attribute set after the span ended is ignored.
    if (ended.stream().noneMatch(end -> end.id().equals(handle))) {
      started.stream().filter(span -> span.id().equals(handle)).findFirst()
          .ifPresent(span -> span.attributes().put(key.name(), value));
    }
  }

  @Override
  public void end(Object handle, Throwable error) {
    if (handle instanceof PassThrough) {
      closeScope(handle);
      return;
    }
    stack().remove(handle);
    ended.add(new End((String) handle, error));
  }

  /** The span current on this thread, as the advice left it; null when none. */
  String currentSpanId() {
    return stack().peek();
  }

  private Deque<String> stack() {
    return current.computeIfAbsent(Thread.currentThread(), thread -> new ArrayDeque<>());
  }

  /** The spans of one operation: publish, process or receive. */
  List<Span> started(String operation) {
    return started.stream().filter(span -> operation.equals(span.operation())).toList();
  }

  List<Span> named(String name) {
    return started.stream().filter(span -> span.name().equals(name)).toList();
  }

  Span byId(String id) {
    return started.stream().filter(span -> span.id().equals(id)).findFirst().orElseThrow(
        () -> new AssertionError("no span " + id + " in " + started));
  }

  boolean isEnded(String id) {
    return ended.stream().anyMatch(end -> end.id().equals(id));
  }

  void clear() {
    started.clear();
    ended.clear();
    exceptions.clear();
    failures.clear();
    current.clear();
  }
}
