package io.warren.agent.otel;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.warren.bootstrap.CommonAttributes;
import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.TraceIds;
import io.warren.bootstrap.TracingBackend;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Turns the spans modules describe into OpenTelemetry spans, and carries their context in the
 * message headers the modules hand over. It knows no library: names, attributes and which
 * headers travel are the modules' business.
 */
public final class OtelTracingBackend implements TracingBackend {

  /** By {@link SpanStart.Kind} ordinal. */
  /** Where a context keeps what a module asked it to carry ({@link #contextWithExtra}). */
  private static final ContextKey<Object> EXTRA = ContextKey.named("warren-extra");

  private static final SpanKind[] KINDS = {
    SpanKind.INTERNAL, SpanKind.PRODUCER, SpanKind.CONSUMER, SpanKind.SERVER, SpanKind.CLIENT
  };

  private final OpenTelemetry openTelemetry;
  private final TextMapPropagator propagator;
  private final ConcurrentHashMap<String, Tracer> tracers = new ConcurrentHashMap<String, Tracer>();

  /**
   * The span and exception last recorded by {@link #recordException} on this thread: a module
   * that records each failed attempt of a call, and then ends the span with the same failure,
   * gets that exception once, not twice. Only the error path touches it.
   */
  private final ThreadLocal<Object[]> lastRecorded = new ThreadLocal<Object[]>();

  public OtelTracingBackend(OpenTelemetry openTelemetry) {
    this.openTelemetry = openTelemetry;
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  @Override
  public Object start(SpanStart request) {
    return begin(request, false);
  }

  @Override
  public Object startCurrent(SpanStart request) {
    return begin(request, true);
  }

  private Object begin(SpanStart request, boolean makeCurrent) {
    Map<String, Object> carrier = request.injectInto();
    Context parent = carrier == null ? parentOf(request) : producerParent(carrier);
    if (request.isContextOnly()) {
      return passThrough(parent, carrier, makeCurrent);
    }
    Span span = builder(request, parent).startSpan();
    if (carrier == null && !makeCurrent) {
      return span;
    }
    Context context = parent.with(span);
    if (carrier != null) {
      propagator.inject(context, carrier, CarrierSetter.INSTANCE);
    }
    return makeCurrent ? new CurrentSpan(span, context.makeCurrent()) : span;
  }

  /**
   * A destination left untraced: a producer's carrier gets the current context as it is, a
   * consumer's context becomes current, and no span is made. The handle only closes the scope.
   */
  private Object passThrough(Context parent, Map<String, Object> carrier, boolean makeCurrent) {
    if (carrier != null) {
      if (Span.fromContext(parent).getSpanContext().isValid()) {
        propagator.inject(parent, carrier, CarrierSetter.INSTANCE);
      }
      return null;
    }
    return makeCurrent ? new CurrentSpan(Span.getInvalid(), parent.makeCurrent()) : null;
  }

  @Override
  public Object contextOf(Object handle) {
    SpanContext context = spanOf(handle).getSpanContext();
    return context.isValid() ? context : null;
  }

  @Override
  public TraceIds currentTraceIds() {
    return idsOf(Span.current().getSpanContext());
  }

  @Override
  public TraceIds idsOf(Object handle) {
    return idsOf(spanOf(handle).getSpanContext());
  }

  private static TraceIds idsOf(SpanContext context) {
    if (!context.isValid()) {
      return null;
    }
    // The sampled bit alone, as log correlation has always written it: W3C's random-trace-id
    // flag (which this SDK sets) would make it 03, which log tools do not expect.
    return new TraceIds(context.getTraceId(), context.getSpanId(), context.isSampled() ? "01" : "00");
  }

  /** The span itself is its handle: any handle call works on it, and ending it ends it. */
  @Override
  public Object spanIn(Object context) {
    Span span = Span.fromContext((Context) context);
    return span.getSpanContext().isValid() ? span : null;
  }

  @Override
  public Object contextWith(Object context, Object handle) {
    return (context == null ? Context.root() : (Context) context).with(spanOf(handle));
  }

  /** The root context is "none": a thread without a context hands nothing over. */
  @Override
  public Object currentContext() {
    Context current = Context.current();
    return current == Context.root() ? null : current;
  }

  @Override
  public Object attach(Object context) {
    Context before = Context.current();
    return new Attached(before, ((Context) context).makeCurrent());
  }

  @Override
  public Object attachNone() {
    Context before = Context.current();
    return before == Context.root() ? null : new Attached(before, Context.root().makeCurrent());
  }

  @Override
  public void detach(Object scope) {
    ((Attached) scope).close();
  }

  @Override
  public void updateName(Object handle, String name) {
    spanOf(handle).updateName(name);
  }

  @Override
  public void fail(Object handle, String errorType, String description) {
    Span span = spanOf(handle);
    span.setStatus(StatusCode.ERROR, description == null ? "" : description);
    span.setAttribute(AttributeKeys.string(CommonAttributes.ERROR_TYPE), errorType);
  }

  @Override
  public void addEvent(Object handle, String name, Map<SpanAttribute, Object> attributes, long epochNanos) {
    Attributes eventAttributes = attributesOf(attributes);
    if (epochNanos == 0) {
      spanOf(handle).addEvent(name, eventAttributes);
    } else {
      spanOf(handle).addEvent(name, eventAttributes, epochNanos, TimeUnit.NANOSECONDS);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Attributes attributesOf(Map<SpanAttribute, Object> attributes) {
    if (attributes.isEmpty()) {
      return Attributes.empty();
    }
    AttributesBuilder builder = Attributes.builder();
    for (Map.Entry<SpanAttribute, Object> attribute : attributes.entrySet()) {
      if (attribute.getValue() != null) {
        builder.put((AttributeKey) AttributeKeys.of(attribute.getKey()), attribute.getValue());
      }
    }
    return builder.build();
  }

  @Override
  public void setStatus(Object handle, String code, String description) {
    spanOf(handle).setStatus(StatusCode.valueOf(code), description == null ? "" : description);
  }

  @Override
  public Map<String, String> baggageIn(Object context) {
    if (context == null) {
      return null;
    }
    Baggage baggage = Baggage.fromContext((Context) context);
    if (baggage.isEmpty()) {
      return null;
    }
    Map<String, String> entries = new LinkedHashMap<String, String>();
    for (Map.Entry<String, BaggageEntry> entry : baggage.asMap().entrySet()) {
      entries.put(entry.getKey(), entry.getValue().getValue());
    }
    return entries;
  }

  @Override
  public Object contextWithBaggage(Object context, Map<String, String> entries) {
    BaggageBuilder baggage = Baggage.builder();
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      if (entry.getKey() != null && entry.getValue() != null) {
        baggage.put(entry.getKey(), entry.getValue());
      }
    }
    return (context == null ? Context.root() : (Context) context).with(baggage.build());
  }

  @Override
  public Object contextWithExtra(Object context, Object extra) {
    return (context == null ? Context.root() : (Context) context).with(EXTRA, extra);
  }

  @Override
  public Object extraIn(Object context) {
    return context == null ? null : ((Context) context).get(EXTRA);
  }

  @Override
  public void inject(Object context, Map<String, Object> carrier) {
    propagator.inject(context == null ? Context.root() : (Context) context, carrier, CarrierSetter.INSTANCE);
  }

  @Override
  public Object extract(Object context, Map<String, Object> carrier) {
    return propagator.extract(context == null ? Context.root() : (Context) context, carrier, CarrierGetter.INSTANCE);
  }

  @Override
  public Collection<String> propagationFields() {
    return propagator.fields();
  }

  @Override
  public boolean isContextIn(Object handle, Map<String, Object> carrier) {
    SpanContext own = spanOf(handle).getSpanContext();
    SpanContext carried =
        Span.fromContext(propagator.extract(Context.root(), carrier, CarrierGetter.INSTANCE))
            .getSpanContext();
    return carried.isValid()
        && own.getSpanId().equals(carried.getSpanId())
        && own.getTraceId().equals(carried.getTraceId());
  }

  @Override
  public void closeScope(Object handle) {
    if (handle instanceof CurrentSpan) {
      ((CurrentSpan) handle).closeScope();
    }
  }

  @Override
  public void recordException(Object handle, Throwable error) {
    Span span = handle == null ? Span.current() : spanOf(handle);
    span.recordException(error);
    lastRecorded.set(new Object[] {span, error});
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void setAttribute(Object handle, SpanAttribute key, Object value) {
    spanOf(handle).setAttribute((AttributeKey) AttributeKeys.of(key), value);
  }

  @Override
  public void end(Object handle, Throwable error) {
    if (handle instanceof CurrentSpan) {
      ((CurrentSpan) handle).closeScope();
    }
    Span span = spanOf(handle);
    if (error != null) {
      Object[] last = lastRecorded.get();
      if (last == null || last[0] != span || last[1] != error) {
        span.recordException(error);
      }
      lastRecorded.remove();
      span.setStatus(StatusCode.ERROR);
      span.setAttribute(AttributeKeys.string(CommonAttributes.ERROR_TYPE), error.getClass().getName());
    }
    span.end();
  }

  static Span spanOf(Object handle) {
    if (handle instanceof TraceIds) {
      return Span.wrap(remote((TraceIds) handle));
    }
    return handle instanceof CurrentSpan ? ((CurrentSpan) handle).span : (Span) handle;
  }

  /** The context of a span known only by its ids: invalid when they are. */
  private static SpanContext remote(TraceIds ids) {
    return SpanContext.createFromRemoteParent(ids.traceId(), ids.spanId(),
        TraceFlags.fromHex(ids.traceFlags(), 0), TraceState.getDefault());
  }

  /**
   * The parent of a span that sends a message: the current span; or, when none is current and
   * the outgoing headers already carry a valid context (the application traces itself, or sets
   * {@code traceparent} by hand), that context, so its trace is continued rather than cut.
   */
  private Context producerParent(Map<String, Object> carrier) {
    Context current = Context.current();
    if (Span.fromContext(current).getSpanContext().isValid()) {
      return current;
    }
    Context fromHeaders = propagator.extract(current, carrier, CarrierGetter.INSTANCE);
    return Span.fromContext(fromHeaders).getSpanContext().isValid() ? fromHeaders : current;
  }

  /**
   * The span given to {@link SpanStart#childOf}; else the context in the received headers;
   * without one (an untraced or foreign producer, a malformed header), whatever is current on
   * this thread, so the span starts a new trace only when there is nothing to join.
   */
  private Context parentOf(SpanStart request) {
    Object parentContext = request.parentContext();
    if (parentContext instanceof SpanContext) {
      return Context.current().with(Span.wrap((SpanContext) parentContext));
    }
    if (parentContext instanceof TraceIds) {
      return Context.current().with(Span.wrap(remote((TraceIds) parentContext)));
    }
    Map<String, Object> carrier = request.parentFrom();
    return carrier == null
        ? Context.current()
        : propagator.extract(Context.current(), carrier, CarrierGetter.INSTANCE);
  }

  private SpanBuilder builder(SpanStart request, Context parent) {
    SpanBuilder builder =
        tracer(request.instrumentation())
            .spanBuilder(request.name())
            .setSpanKind(KINDS[request.kind().ordinal()])
            .setParent(parent);
    if (request.startEpochNanos() != 0) {
      builder.setStartTimestamp(request.startEpochNanos(), TimeUnit.NANOSECONDS);
    }
    addAttributes(builder, request);
    for (int i = 0; i < request.linkCount(); i++) {
      SpanContext linked =
          Span.fromContext(propagator.extract(Context.root(), request.link(i), CarrierGetter.INSTANCE))
              .getSpanContext();
      if (linked.isValid()) {
        builder.addLink(linked);
      }
    }
    for (int i = 0; i < request.linkedIdsCount(); i++) {
      SpanContext linked = remote(request.linkedIds(i));
      if (linked.isValid()) {
        builder.addLink(linked);
      }
    }
    return builder;
  }

  @SuppressWarnings("unchecked")
  private static void addAttributes(SpanBuilder builder, SpanStart request) {
    for (int i = 0; i < request.attributeCount(); i++) {
      SpanAttribute key = request.key(i);
      switch (key.type()) {
        case LONG:
          builder.setAttribute((AttributeKey<Long>) AttributeKeys.of(key), request.longValue(i));
          break;
        case BOOLEAN:
          builder.setAttribute((AttributeKey<Boolean>) AttributeKeys.of(key), (Boolean) request.value(i));
          break;
        case STRING_LIST:
          builder.setAttribute((AttributeKey<List<String>>) AttributeKeys.of(key), (List<String>) request.value(i));
          break;
        default:
          builder.setAttribute((AttributeKey<String>) AttributeKeys.of(key), (String) request.value(i));
      }
    }
  }

  private Tracer tracer(String instrumentation) {
    Tracer tracer = tracers.get(instrumentation);
    if (tracer == null) {
      tracer = tracers.computeIfAbsent(instrumentation, openTelemetry::getTracer);
    }
    return tracer;
  }

  /**
   * A context made current for a task handed over from another thread. Closing it makes the
   * context current before it current again even when the task left a scope of its own open: the
   * SDK's scope then ignores its close, and a pooled thread would keep the task's context.
   */
  private static final class Attached {
    private final Context before;
    private final Scope scope;

    Attached(Context before, Scope scope) {
      this.before = before;
      this.scope = scope;
    }

    void close() {
      scope.close();
      if (Context.current() != before) {
        before.makeCurrent(); // its scope is never needed: this restores the thread's state
      }
    }
  }

  /** A span and the scope that keeps it current. */
  private static final class CurrentSpan {
    final Span span;
    private Scope scope;

    CurrentSpan(Span span, Scope scope) {
      this.span = span;
      this.scope = scope;
    }

    void closeScope() {
      if (scope != null) {
        scope.close();
        scope = null;
      }
    }
  }
}
