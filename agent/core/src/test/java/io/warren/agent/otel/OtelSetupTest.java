package io.warren.agent.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.warren.agent.StandardError;
import io.warren.agent.api.Settings;
import io.warren.agent.config.WarrenDefaults;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OtelSetupTest {

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

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void anEmptyServiceNameGetsOneWarningAndTheDefault(String empty) {
    System.setProperty("otel.service.name", empty);
    Settings.useOverlay(Map.of("otel.traces.exporter", "none"));
    try {
      OpenTelemetrySdk[] sdk = new OpenTelemetrySdk[1];
      String log = StandardError.of(() -> sdk[0] = OtelSetup.start(Map.of()));
      Span span = sdk[0].getTracer("test").spanBuilder("s").startSpan();
      span.end();
      assertEquals(WarrenDefaults.serviceNameFromCommandLine(), ((ReadableSpan) span)
          .toSpanData().getResource().getAttribute(AttributeKey.stringKey("service.name")));
      assertEquals(1, log.lines().count(), log);
      assertTrue(log.contains("otel.service.name=" + empty + " is invalid (empty); using "
          + WarrenDefaults.serviceNameFromCommandLine()), log);
      sdk[0].shutdown();
    } finally {
      Settings.useOverlay(Map.of());
      System.clearProperty("otel.service.name");
    }
  }
}
