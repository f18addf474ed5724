package io.warren.instrumentation.opentelemetryapi.application;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.TraceIds;
import io.warren.bootstrap.Tracing;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Collects what the application says about a span, then starts it through the bridge: the child
 * of the span in the parent context given, else of the span current (Warren's or the
 * application's, which are one context).
 */
final class WarrenSpanBuilder implements SpanBuilder {

  private final String instrumentationName;
  private final String spanName;
  private Context parent;
  private boolean noParent;
  private final List<TraceIds> links = new ArrayList<TraceIds>();
  private SpanStart.Kind kind = SpanStart.Kind.INTERNAL;
  private long startEpochNanos;
  private final List<Object> attributes = new ArrayList<Object>(); // key, value, key, value...

  WarrenSpanBuilder(String instrumentationName, String spanName) {
    this.instrumentationName = instrumentationName;
    this.spanName = spanName;
  }

  @Override
  public SpanBuilder setParent(Context context) {
    this.parent = context;
    this.noParent = false;
    return this;
  }

  @Override
  public SpanBuilder setNoParent() {
    this.parent = null;
    this.noParent = true;
    return this;
  }

  /** A link to a valid span; the link's own attributes are not kept (Warren's links have none). */
  @Override
  public SpanBuilder addLink(SpanContext spanContext) {
    TraceIds ids = WarrenSpan.idsOf(spanContext);
    if (ids != null) {
      links.add(ids);
    }
    return this;
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext, Attributes attributes) {
    return addLink(spanContext);
  }

  @Override
  public SpanBuilder setAttribute(String key, String value) {
    return setAttribute(AttributeKey.stringKey(key), value);
  }

  @Override
  public SpanBuilder setAttribute(String key, long value) {
    return setAttribute(AttributeKey.longKey(key), value);
  }

  @Override
  public SpanBuilder setAttribute(String key, double value) {
    return setAttribute(AttributeKey.doubleKey(key), value);
  }

  @Override
  public SpanBuilder setAttribute(String key, boolean value) {
    return setAttribute(AttributeKey.booleanKey(key), value);
  }

  @Override
  public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
    if (key != null) {
      SpanAttribute warrenKey = ApplicationAttributes.keyOf(key);
      Object converted = warrenKey == null ? null : ApplicationAttributes.valueOf(warrenKey, value);
      if (converted != null) {
        attributes.add(warrenKey);
        attributes.add(converted);
      }
    }
    return this;
  }

  /** Warren has internal, producer and consumer spans; any other kind is recorded internal. */
  @Override
  public SpanBuilder setSpanKind(SpanKind spanKind) {
    if (spanKind == SpanKind.PRODUCER) {
      kind = SpanStart.Kind.PRODUCER;
    } else if (spanKind == SpanKind.CONSUMER) {
      kind = SpanStart.Kind.CONSUMER;
    } else {
      kind = SpanStart.Kind.INTERNAL;
    }
    return this;
  }

  @Override
  public SpanBuilder setStartTimestamp(long startTimestamp, TimeUnit unit) {
    this.startEpochNanos = unit.toNanos(startTimestamp);
    return this;
  }

  /**
   * The parent: the span in the context given (a Warren span, or any valid span by its ids), no
   * span at all when that context has none or {@link #setNoParent} was called, else the span
   * current (Warren's or the application's, which are one context).
   */
  @Override
  @SuppressWarnings("unchecked")
  public Span startSpan() {
    SpanStart start = SpanStart.begin(instrumentationName, kind, spanName);
    boolean root = noParent;
    if (parent != null) {
      Span parentSpan = Span.fromContext(parent);
      Object parentContext = parentSpan instanceof WarrenSpan
          ? Tracing.contextOf(((WarrenSpan) parentSpan).handle)
          : WarrenSpan.idsOf(parentSpan);
      if (parentContext == null) {
        root = true;
      } else {
        start.childOf(parentContext);
      }
    }
    if (startEpochNanos != 0) {
      start.startedAt(startEpochNanos);
    }
    for (int i = 0; i < links.size(); i++) {
      start.linkTo(links.get(i));
    }
    for (int i = 0; i < attributes.size(); i += 2) {
      SpanAttribute key = (SpanAttribute) attributes.get(i);
      Object value = attributes.get(i + 1);
      if (value instanceof Long) {
        start.set(key, ((Long) value).longValue());
      } else if (value instanceof Boolean) {
        start.set(key, ((Boolean) value).booleanValue());
      } else if (value instanceof List) {
        start.set(key, (List<String>) value);
      } else {
        start.set(key, (String) value);
      }
    }
    // A root span: no context is current while it starts, so it has no parent to take.
    Object none = root ? Tracing.attachNone() : null;
    Object handle;
    try {
      handle = Tracing.start(start);
    } finally {
      Tracing.detach(none);
    }
    return handle == null ? Span.getInvalid() : new WarrenSpan(handle);
  }
}
