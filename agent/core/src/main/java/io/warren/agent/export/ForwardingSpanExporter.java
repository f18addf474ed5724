package io.warren.agent.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** An exporter around another: it hands on flush and shutdown; subclasses add to the export. */
public abstract class ForwardingSpanExporter implements SpanExporter {

  protected final SpanExporter delegate;

  protected ForwardingSpanExporter(SpanExporter delegate) {
    this.delegate = delegate;
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
