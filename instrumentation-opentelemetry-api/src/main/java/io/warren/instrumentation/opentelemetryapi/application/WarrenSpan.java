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

  /** Events, status and a new name are not bridged yet (a next step of issue 22). */
  @Override
  public Span addEvent(String name, Attributes attributes) {
    return this;
  }

  @Override
  public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
    return this;
  }

  @Override
  public Span setStatus(StatusCode statusCode, String description) {
    return this;
  }

  @Override
  public Span updateName(String name) {
    return this;
  }

  @Override
  public Span recordException(Throwable exception, Attributes additionalAttributes) {
    Tracing.recordException(handle, exception);
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
