package io.warren.smoketest.springotel;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import org.springframework.stereotype.Component;

/**
 * The application's own exporter (Spring Boot hands its SDK every SpanExporter bean): prints
 * {@code OWN-SPAN <name> <trace id> <span id> <parent id>} per span it is given.
 */
@Component
class PrintingExporter implements SpanExporter {

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    for (SpanData span : spans) {
      System.out.println("OWN-SPAN " + span.getName().replace(' ', '_') + " " + span.getTraceId()
          + " " + span.getSpanId() + " " + span.getParentSpanId());
    }
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
