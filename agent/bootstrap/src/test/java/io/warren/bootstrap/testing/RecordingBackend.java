package io.warren.bootstrap.testing;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.TraceIds;
import io.warren.bootstrap.TracingBackend;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test kit's tracing core: records what the advice describes, for every module's tests. It
 * copies each description before returning (Tracing clears it right after), marks the headers a
 * producer sends with the span's id ({@link #MARK}), as a real core writes its context there,
 * and keeps track of which span is current on each thread, so that contexts handed to other
 * threads ({@link #currentContext}, {@link #attach}) and log correlation ({@link
 * #currentTraceIds}) can be checked too. It declares every method of {@link TracingBackend}
 * ({@code FakeBackendsTest}).
 */
public class RecordingBackend implements TracingBackend {

  /** The header a producer span writes: its id. */
  public static final String MARK = "x-test-span";

  /**
   * A started span.
   *
   * @param carrier for a producer, the headers as the advice handed them over (before the mark);
   *     for a consumer, the received headers it reads its parent from (a copy; null if none)
   * @param currentAtStart the id of the span current on the starting thread, or null
   * @param description the description the backend was given (not a copy: Tracing clears it)
   */
  public record Span(
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
      Object childOf,
      SpanStart description) {

    public String operation() {
      return (String) attributes.get("messaging.operation.name");
    }

    public Object attribute(String key) {
      return attributes.get(key);
    }

    /** The id of the producer span whose headers this consumer span read, or null. */
    public String producerId() {
      Object mark = carrier == null ? null : carrier.get(MARK);
      return mark == null ? null : mark.toString();
    }
  }

  public record End(String id, Throwable error) {}

  /** An event added to a started span: its attributes by name, its time (0: now). */
  public record Event(String spanId, String name, Map<String, Object> attributes, long epochNanos) {}

  /** What a context-only description (an excluded destination) makes current: no span. */
  public record PassThrough(String carriedId) {}

  /** What {@link #attach} and {@link #attachNone} make current: a span's id, or "" for none. */
  public record Scope(String context) {}

  public final List<Span> started = new CopyOnWriteArrayList<>();
  public final List<End> ended = new CopyOnWriteArrayList<>();
  public final List<Throwable> exceptions = new CopyOnWriteArrayList<>();
  /** Span id to the error type it was failed with. */
  public final Map<String, String> failures = new ConcurrentHashMap<>();
  public final List<Event> events = new CopyOnWriteArrayList<>();
  /** Span id to the status code and description (space-separated) it was last given. */
  public final Map<String, String> statuses = new ConcurrentHashMap<>();
  /** Span id to the name it was last renamed to. */
  public final Map<String, String> renamed = new ConcurrentHashMap<>();
  /** The name of every method called, in order. */
  public final List<String> calls = new CopyOnWriteArrayList<>();
  private final Map<Thread, Deque<String>> current = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  @Override
  public Object start(SpanStart span) {
    calls.add("start");
    if (span.isContextOnly()) {
      if (span.injectInto() != null && currentSpanId() != null && !currentSpanId().isEmpty()) {
        span.injectInto().put(MARK, currentSpanId());
      }
      return null;
    }
    return record(span, false);
  }

  @Override
  public Object startCurrent(SpanStart span) {
    calls.add("startCurrent");
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

  private String record(SpanStart span, boolean makeCurrent) {
    String id = "span-" + ids.incrementAndGet();
    Map<String, Object> attributes = new ConcurrentHashMap<>();
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
            span.parentContext(),
            span));
    return id;
  }

  @Override
  public void closeScope(Object handle) {
    calls.add("closeScope");
    stack().remove(handle instanceof PassThrough p ? (p.carriedId() == null ? "" : p.carriedId()) : handle);
  }

  @Override
  public void recordException(Object handle, Throwable error) {
    calls.add("recordException");
    exceptions.add(error);
  }

  @Override
  public void setAttribute(Object handle, SpanAttribute key, Object value) {
    calls.add("setAttribute");
    // As the SDK: an attribute set after the span ended is ignored.
    if (!isEnded(String.valueOf(handle))) {
      started.stream().filter(span -> span.id().equals(handle)).findFirst()
          .ifPresent(span -> span.attributes().put(key.name(), value));
    }
  }

  @Override
  public void end(Object handle, Throwable error) {
    calls.add("end");
    if (handle instanceof PassThrough) {
      closeScope(handle);
      return;
    }
    stack().remove(handle);
    ended.add(new End(String.valueOf(handle), error));
  }

  @Override
  public Object contextOf(Object handle) {
    calls.add("contextOf");
    return handle;
  }

  @Override
  public void updateName(Object handle, String name) {
    calls.add("updateName");
    renamed.put(String.valueOf(handle), name);
  }

  @Override
  public void fail(Object handle, String errorType, String description) {
    calls.add("fail");
    failures.put(String.valueOf(handle), errorType);
  }

  @Override
  public boolean isContextIn(Object handle, Map<String, Object> carrier) {
    calls.add("isContextIn");
    Object mark = carrier.get(MARK);
    return mark != null && mark.toString().equals(handle);
  }

  /** The current span's id as span id, and {@code trace-<id>} as trace id; null when none. */
  @Override
  public TraceIds currentTraceIds() {
    calls.add("currentTraceIds");
    String id = currentSpanId();
    return id == null || id.isEmpty() ? null : new TraceIds("trace-" + id, id, "01");
  }

  /** The id of the span current on this thread; null when none. */
  @Override
  public Object currentContext() {
    calls.add("currentContext");
    String id = currentSpanId();
    return id == null || id.isEmpty() ? null : id;
  }

  /** A context is a span's id here, and so is a handle. */
  @Override
  public Object spanIn(Object context) {
    calls.add("spanIn");
    return context == null || ((String) context).isEmpty() ? null : context;
  }

  @Override
  public Object contextWith(Object context, Object handle) {
    calls.add("contextWith");
    return handle == null ? context : String.valueOf(handle);
  }

  @Override
  public void addEvent(Object handle, String name, Map<SpanAttribute, Object> attributes, long epochNanos) {
    calls.add("addEvent");
    Map<String, Object> byName = new LinkedHashMap<>();
    attributes.forEach((key, value) -> byName.put(key.name(), value));
    events.add(new Event(String.valueOf(handle), name, byName, epochNanos));
  }

  @Override
  public void setStatus(Object handle, String code, String description) {
    calls.add("setStatus");
    statuses.put(String.valueOf(handle), description == null ? code : code + " " + description);
  }

  /** Contexts are span ids here: they hold no baggage. */
  @Override
  public Map<String, String> baggageIn(Object context) {
    calls.add("baggageIn");
    return null;
  }

  @Override
  public Object contextWithBaggage(Object context, Map<String, String> baggage) {
    calls.add("contextWithBaggage");
    return context;
  }

  /** Contexts here are span ids: nothing rides along. */
  @Override
  public Object contextWithExtra(Object context, Object extra) {
    calls.add("contextWithExtra");
    return context;
  }

  @Override
  public Object extraIn(Object context) {
    calls.add("extraIn");
    return null;
  }

  /** The context's span id as {@link #MARK}, as a producer span writes it. */
  @Override
  public void inject(Object context, Map<String, Object> carrier) {
    calls.add("inject");
    if (context != null && !((String) context).isEmpty()) {
      carrier.put(MARK, context);
    }
  }

  /** The span id in {@link #MARK}, or the context given when there is none. */
  @Override
  public Object extract(Object context, Map<String, Object> carrier) {
    calls.add("extract");
    Object mark = carrier.get(MARK);
    return mark == null ? context : mark.toString();
  }

  @Override
  public Collection<String> propagationFields() {
    calls.add("propagationFields");
    return List.of(MARK);
  }

  @Override
  public TraceIds idsOf(Object handle) {
    calls.add("idsOf");
    return handle == null ? null : new TraceIds("trace-" + handle, String.valueOf(handle), "01");
  }

  @Override
  public Object attach(Object context) {
    calls.add("attach");
    Scope scope = new Scope((String) context);
    stack().push(scope.context());
    return scope;
  }

  @Override
  public Object attachNone() {
    calls.add("attachNone");
    String id = currentSpanId();
    if (id == null || id.isEmpty()) {
      return null;
    }
    stack().push("");
    return new Scope("");
  }

  @Override
  public void detach(Object scope) {
    calls.add("detach");
    stack().remove(((Scope) scope).context());
  }

  /** The span current on this thread, as the advice left it ("" for none made current); null when none. */
  public String currentSpanId() {
    return stack().peek();
  }

  private Deque<String> stack() {
    return current.computeIfAbsent(Thread.currentThread(), thread -> new ArrayDeque<>());
  }

  /** The spans of one operation: publish, process or receive. */
  public List<Span> started(String operation) {
    return started.stream().filter(span -> operation.equals(span.operation())).toList();
  }

  public List<Span> named(String name) {
    return started.stream().filter(span -> span.name().equals(name)).toList();
  }

  /** The names of the spans started, in order. */
  public List<String> startedNames() {
    return started.stream().map(Span::name).toList();
  }

  public Span byId(String id) {
    return started.stream().filter(span -> span.id().equals(id)).findFirst().orElseThrow(
        () -> new AssertionError("no span " + id + " in " + started));
  }

  public boolean isEnded(String id) {
    return ended.stream().anyMatch(end -> end.id().equals(id));
  }

  public void clear() {
    started.clear();
    ended.clear();
    exceptions.clear();
    failures.clear();
    events.clear();
    statuses.clear();
    renamed.clear();
    calls.clear();
    current.clear();
  }
}
