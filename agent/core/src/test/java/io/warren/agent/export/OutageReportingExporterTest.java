package io.warren.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import io.warren.agent.ExportOnly;
import io.warren.agent.StandardError;
import org.junit.jupiter.api.Test;

class OutageReportingExporterTest {

  private final List<CompletableResultCode> results = new ArrayList<>();
  private final ExportOutage outage = new ExportOutage("OTLP", "http://c:4318/v1/traces");
  private final OutageReportingExporter exporter = new OutageReportingExporter(
      ExportOnly.exporter(spans -> {
        CompletableResultCode result = new CompletableResultCode();
        results.add(result);
        return result;
      }), outage);

  @Test
  void anOutageIsTwoLinesWithTheRootCauseAndTheSpansLost() {
    String log = StandardError.of(() -> {
      exporter.export(spans(3));
      exporter.export(spans(2));
      // As the JDK HttpClient sender fails: the connection error under two wrappers.
      ConnectException refused = new ConnectException("Connection refused");
      refused.initCause(new ClosedChannelException());
      results.get(0).failExceptionally(
          new CompletionException(new UncheckedIOException(refused)));
      results.get(1).fail();
      exporter.export(spans(1));
      results.get(2).succeed();
    });

    List<String> lines = log.lines().toList();
    assertEquals(2, lines.size(), log);
    assertTrue(lines.get(0).startsWith("[warren] WARN cannot send spans to OTLP at "
        + "http://c:4318/v1/traces (java.net.ConnectException: Connection refused)"), log);
    assertTrue(lines.get(1).contains("answers again; 5 spans were dropped meanwhile"), log);
    assertEquals(5, outage.unsent());
  }

  private static List<SpanData> spans(int count) {
    return Collections.nCopies(count, null);
  }

}
