package io.warren.instrumentation.opentelemetryapi.application;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.TraceIds;
import io.warren.bootstrap.Tracing;
import java.util.concurrent.TimeUnit;

/**
 * A Warren span as the application sees it: one it started, or Warren's own span current in
 * code Warren traces ({@code Span.current()}). Everything goes to the span's bridge handle.
 */
final class WarrenSpan implements Span {

  final Object handle;

  WarrenSpan(Object handle) {
    this.handle = handle;
  }

  /** The ids of a span of the application's (not Warren's) as Warren's bridge takes them; null: invalid. */
  static TraceIds idsOf(Span span) {
    return span == null ? null : idsOf(span.getSpanContext());
  }

  /** The ids in {@code context} as Warren's bridge takes them; null when invalid. */
  static TraceIds idsOf(SpanContext context) {
    return context == null || !context.isValid()
        ? null
        : new TraceIds(context.getTraceId(), context.getSpanId(), context.getTraceFlags().asHex());
  }

  @Override
  public <T> Span setAttribute(AttributeKey<T> key, T value) {
    if (key != null) {
      SpanAttribute warrenKey = ApplicationAttributes.keyOf(key);
      if (warrenKey != null) {
        Tracing.setAttribute(handle, warrenKey, ApplicationAttributes.valueOf(warrenKey, value));
      }
    }
    return this;
  }

  @Override
  public Span addEvent(String name, Attributes attributes) {
    Tracing.addEvent(handle, name, ApplicationAttributes.mapOf(attributes), 0);
    return this;
  }

  @Override
  public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
    long epochNanos = unit == null ? 0 : unit.toNanos(timestamp);
    Tracing.addEvent(handle, name, ApplicationAttributes.mapOf(attributes), epochNanos);
    return this;
  }

  @Override
  public Span setStatus(StatusCode statusCode, String description) {
    if (statusCode != null) {
      Tracing.setStatus(handle, statusCode.name(), description);
    }
    return this;
  }

  @Override
  public Span updateName(String name) {
    Tracing.updateName(handle, name);
    return this;
  }

  @Override
  public Span recordException(Throwable exception, Attributes additionalAttributes) {
    if (exception == null) {
      return this;
    }
    if (additionalAttributes == null || additionalAttributes.isEmpty()) {
      Tracing.recordException(handle, exception);
    } else {
      Tracing.addEvent(handle, ExceptionEvent.NAME,
          ExceptionEvent.attributes(exception, additionalAttributes), 0);
    }
    return this;
  }

  @Override
  public void end() {
    Tracing.end(handle, null);
  }

  @Override
  public void end(long timestamp, TimeUnit unit) {
    Tracing.end(handle, null);
  }

  @Override
  public SpanContext getSpanContext() {
    TraceIds ids = Tracing.idsOf(handle);
    return ids == null
        ? SpanContext.getInvalid()
        : SpanContext.create(ids.traceId(), ids.spanId(), TraceFlags.fromHex(ids.traceFlags(), 0),
            TraceState.getDefault());
  }

  @Override
  public boolean isRecording() {
    return true;
  }

  @Override
  public String toString() {
    return "WarrenSpan{" + getSpanContext() + "}";
  }
}
