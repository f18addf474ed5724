package io.warren.agent.otel;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.warren.bootstrap.MessageDetails;
import io.warren.bootstrap.WarrenLog;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs one publish and one delivery through the span path on an SDK of its own that records and
 * sends nothing. It runs on the agent's start-up thread while the rest of the agent is still
 * starting; otherwise the application's first message would wait while that code is loaded and
 * run for the first time (about 50 ms of the start-up workload's first round trip).
 */
public final class SpanPathWarmUp {

  private SpanPathWarmUp() {}

  /** Uses the propagators of {@code configured}, so that the same code is warmed. */
  public static void run(OpenTelemetry configured) {
    try {
      OpenTelemetrySdk idle =
          OpenTelemetrySdk.builder()
              .setTracerProvider(SdkTracerProvider.builder().build()) // no processor: spans vanish
              .setPropagators(configured.getPropagators())
              .build();
      OtelMessagingTracer tracer = new OtelMessagingTracer(idle);
      Map<String, Object> headers = new HashMap<String, Object>();
      tracer.end(tracer.startPublish(message(headers).withProperties("warm-up", null)), null);
      tracer.end(tracer.startProcess(message(headers).withDelivery(1, false)), null);
      idle.shutdown();
    } catch (Throwable t) {
      WarrenLog.debug("span path warm-up failed (nothing is lost): " + t);
    }
  }

  private static MessageDetails message(Map<String, Object> headers) {
    return new MessageDetails("", "warm-up", headers, 0)
        .withQueue("warm-up")
        .withServer(InetAddress.getLoopbackAddress(), 5672);
  }
}
