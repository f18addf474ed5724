package io.warren.agent.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.warren.agent.api.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
