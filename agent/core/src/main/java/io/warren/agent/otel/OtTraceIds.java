package io.warren.agent.otel;

import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The OpenTracing headers ({@code otel.propagators=ottrace}) carry 64 of a trace id's 128 bits:
 * the consumer reads the other 64 as zeros, and with 128-bit ids its spans would land in another
 * trace. When ottrace is the only propagator that carries a trace, trace ids are made 64 bits
 * wide (the high half zero), which it carries whole. The low half is random, so the W3C
 * random-trace-id flag still holds.
 */
final class OtTraceIds implements IdGenerator {

  static final String OTTRACE = "ottrace";

  private static final IdGenerator RANDOM = IdGenerator.random();

  /** Tracer provider customizer: 64-bit trace ids when ottrace alone carries the trace. */
  static SdkTracerProviderBuilder customize(SdkTracerProviderBuilder builder, ConfigProperties config) {
    return onlyOtTraceCarriesTheTrace(config.getList("otel.propagators"))
        ? builder.setIdGenerator(new OtTraceIds())
        : builder;
  }

  /** True when ottrace is listed and every other propagator carries no trace (baggage). */
  static boolean onlyOtTraceCarriesTheTrace(List<String> propagators) {
    boolean ottrace = false;
    for (String propagator : propagators) {
      if (propagator.equals(OTTRACE)) {
        ottrace = true;
      } else if (!propagator.equals("baggage")) {
        return false;
      }
    }
    return ottrace;
  }

  @Override
  public String generateSpanId() {
    return RANDOM.generateSpanId();
  }

  @Override
  public String generateTraceId() {
    long low;
    do {
      low = ThreadLocalRandom.current().nextLong();
    } while (low == 0);
    return TraceId.fromLongs(0, low);
  }

  @Override
  public boolean generatesRandomTraceIds() {
    return true;
  }
}
