package io.warren.agent.export;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.util.Collection;

/**
 * Reports an exporter's failed exports as an {@link ExportOutage}, for exporters that say so in
 * their result (the OTLP exporter, which logs every failure itself through a logger Warren
 * silences).
 */
public final class OutageReportingExporter extends ForwardingSpanExporter {

  private final ExportOutage outage;

  public OutageReportingExporter(SpanExporter delegate, ExportOutage outage) {
    super(delegate);
    this.outage = outage;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    int count = spans.size();
    return outage.follow(delegate.export(spans), count);
  }

  /**
   * The HTTP status of a refused export, else the outermost I/O exception under the wrappers
   * (a {@code ConnectException}, a timeout), else the innermost exception.
   */
  static String cause(Throwable failure) {
    if (failure instanceof FailedExportException.HttpExportException) {
      FailedExportException.HttpExportException http =
          (FailedExportException.HttpExportException) failure;
      if (http.getResponse() != null) {
        return "HTTP " + http.getResponse().getStatusCode();
      }
    }
    if (failure == null) {
      return null;
    }
    Throwable root = failure;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException) {
        return t.toString();
      }
      root = t;
    }
    return root.toString();
  }
  @Override
  public String toString() {
    return outage.describe();
  }
}
