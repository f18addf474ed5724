package io.warren.agent.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.warren.agent.api.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtelSetupTest {

  private static String logOf(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return log.toString();
  }

  @Test
  void lostSpansAreReportedOnceWithTheirCauses() {
    String log = logOf(() -> OtelSetup.reportLosses(3, 2));
    assertEquals(1, log.lines().count(), log);
    assertTrue(log.contains("5 spans were not exported"), log);
    assertTrue(log.contains("3 dropped because the export queue"), log);
    assertTrue(log.contains("2 could not be sent to Zipkin"), log);
  }

  @Test
  void nothingIsSaidWhenNothingWasLost() {
    assertEquals("", logOf(() -> OtelSetup.reportLosses(0, 0)));
  }

  @Test
  void theAgentsOwnSettingsWinOverSystemPropertiesWithoutBecomingOnes() {
    System.setProperty("otel.service.name", "from-property");
    Settings.useOverlay(Map.of("otel.service.name", "from-agent", "otel.traces.exporter", "none"));
    try {
      OpenTelemetrySdk sdk = OtelSetup.start(Map.of());
      Span span = sdk.getTracer("test").spanBuilder("s").startSpan();
      span.end();
      assertEquals("from-agent", ((ReadableSpan) span).toSpanData().getResource()
          .getAttribute(AttributeKey.stringKey("service.name")));
      assertEquals("from-property", System.getProperty("otel.service.name"));
      sdk.shutdown();
    } finally {
      Settings.useOverlay(Map.of());
      System.clearProperty("otel.service.name");
    }
  }
}
