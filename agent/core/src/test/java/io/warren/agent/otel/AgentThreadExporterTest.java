package io.warren.agent.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.warren.bootstrap.AgentThreads;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentThreadExporterTest {

  @Test
  void exportFlushAndShutdownRunAsTheAgentsOwnWorkAndTheThreadIsTheApplicationsAgainAfter() {
    List<Boolean> ownDuring = new ArrayList<>();
    SpanExporter recording =
        new SpanExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> spans) {
            ownDuring.add(AgentThreads.isCurrent());
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode flush() {
            ownDuring.add(AgentThreads.isCurrent());
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode shutdown() {
            ownDuring.add(AgentThreads.isCurrent());
            return CompletableResultCode.ofSuccess();
          }
        };
    SpanExporter exporter = AgentThreadExporter.of(recording);

    exporter.export(List.of());
    exporter.flush();
    exporter.shutdown();

    assertEquals(List.of(true, true, true), ownDuring);
    assertFalse(AgentThreads.isCurrent());
  }
}
