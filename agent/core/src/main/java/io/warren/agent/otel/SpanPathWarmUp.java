package io.warren.agent.otel;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.warren.bootstrap.CommonAttributes;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.TracingBackend;
import io.warren.bootstrap.WarrenLog;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs one producer span and one current consumer span, its child through the headers, through
 * the span path on an SDK of its own that records and sends nothing. It runs on the agent's
 * start-up thread while the rest of the agent is still starting; otherwise the application's
 * first message would wait while that code is loaded and run for the first time (about 50 ms of
 * the start-up workload's first round trip).
 */
public final class SpanPathWarmUp {

  private static final String SCOPE = "io.warren.warm-up";

  private SpanPathWarmUp() {}

  /** Uses the propagators of {@code configured}, so that the same code is warmed. */
  public static void run(OpenTelemetry configured) {
    try {
      OpenTelemetrySdk idle =
          OpenTelemetrySdk.builder()
              .setTracerProvider(SdkTracerProvider.builder().build()) // no processor: spans vanish
              .setPropagators(configured.getPropagators())
              .build();
      exercise(new OtelTracingBackend(idle));
      idle.shutdown();
    } catch (Throwable t) {
      WarrenLog.debug("span path warm-up failed (nothing is lost): " + t);
    }
  }

  /** One publish and one delivery of the same message, as modules describe them. */
  static void exercise(TracingBackend backend) {
    Map<String, Object> headers = new HashMap<String, Object>();
    SpanStart publish = described(SpanStart.Kind.PRODUCER, "publish warm-up").injectInto(headers);
    try {
      backend.end(backend.start(publish), null);
    } finally {
      publish.clear();
    }
    SpanStart process = described(SpanStart.Kind.CONSUMER, "process warm-up").parentFrom(headers);
    try {
      backend.end(backend.startCurrent(process), null);
    } finally {
      process.clear();
    }
  }

  private static SpanStart described(SpanStart.Kind kind, String name) {
    return SpanStart.begin(SCOPE, kind, name)
        .set(CommonAttributes.PEER_SERVICE, "warm-up")
        .set(CommonAttributes.SERVER_PORT, 1);
  }
}
