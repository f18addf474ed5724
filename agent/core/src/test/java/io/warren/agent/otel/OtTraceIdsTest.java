package io.warren.agent.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.warren.agent.api.Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With the OpenTracing headers a message chain stays in one trace. */
class OtTraceIdsTest {

  private static final TextMapGetter<Map<String, String>> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private OpenTelemetrySdk sdk;

  @AfterEach
  void shutdown() {
    Settings.useOverlay(Map.of());
    if (sdk != null) {
      sdk.shutdown();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ottrace", "ottrace,baggage", "baggage,ottrace"})
  void aTwoHopChainWithOtTraceAloneIsOneTrace(String propagators) {
    start(propagators);
    Span publish = sdk.getTracer("test").spanBuilder("publish").startSpan();
    Span relayed = hop(publish, "process and publish");
    Span last = hop(relayed, "process");
    assertEquals(publish.getSpanContext().getTraceId(), relayed.getSpanContext().getTraceId());
    assertEquals(publish.getSpanContext().getTraceId(), last.getSpanContext().getTraceId());
    assertTrue(publish.getSpanContext().getTraceId().startsWith("0000000000000000"),
        publish.getSpanContext().getTraceId());
  }

  @Test
  void besideAnotherPropagatorTheWholeTraceIdIsRead() {
    start("tracecontext,ottrace");
    Span publish = sdk.getTracer("test").spanBuilder("publish").startSpan();
    Span last = hop(hop(publish, "process and publish"), "process");
    assertEquals(publish.getSpanContext().getTraceId(), last.getSpanContext().getTraceId());
    assertFalse(publish.getSpanContext().getTraceId().startsWith("0000000000000000"),
        "128-bit ids: the W3C header carries them whole");
  }

  @Test
  void onlyBaggageBesideOtTraceLeavesItAlone() {
    assertTrue(OtTraceIds.onlyOtTraceCarriesTheTrace(List.of("ottrace")));
    assertTrue(OtTraceIds.onlyOtTraceCarriesTheTrace(List.of("baggage", "ottrace")));
    assertFalse(OtTraceIds.onlyOtTraceCarriesTheTrace(List.of("ottrace", "b3")));
    assertFalse(OtTraceIds.onlyOtTraceCarriesTheTrace(List.of("tracecontext", "baggage")));
  }

  private void start(String propagators) {
    Settings.useOverlay(Map.of("otel.propagators", propagators, "otel.traces.exporter", "none"));
    sdk = OtelSetup.start(Map.of());
  }

  /** The message of {@code parent} goes to the next service, whose span is its child. */
  private Span hop(Span parent, String name) {
    Map<String, String> headers = new HashMap<>();
    sdk.getPropagators().getTextMapPropagator()
        .inject(Context.root().with(parent), headers, Map::put);
    parent.end();
    Context received = sdk.getPropagators().getTextMapPropagator()
        .extract(Context.root(), headers, GETTER);
    return sdk.getTracer("test").spanBuilder(name).setParent(received).startSpan();
  }
}
