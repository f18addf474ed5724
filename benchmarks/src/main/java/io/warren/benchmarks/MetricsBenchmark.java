package io.warren.benchmarks;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.warren.agent.metrics.PullReader;
import io.warren.agent.otel.OtelMetricsBackend;
import io.warren.bootstrap.MetricAttributes;
import io.warren.bootstrap.MetricInstrument;
import io.warren.bootstrap.Metrics;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a measurement costs a message: {@link Metrics#add} and {@link Metrics#record} as modules
 * call them, with attribute sets made once and kept, into {@link OtelMetricsBackend}'s cells
 * with the trace-based exemplar filter, registered with a real SDK meter provider and a
 * cumulative reader (as Prometheus's). {@code ...ForSpan} pass a sampled span that is not current (a confirm on the
 * connection's thread): the exemplar path. {@code metrics=off} is the facade with metrics off.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetricsBenchmark {

  private static final MetricInstrument DURATION = MetricInstrument.histogram(
      "messaging.process.duration", "s", "Duration of processing operation.",
      0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10);
  private static final MetricInstrument CONSUMED = MetricInstrument.counter(
      "messaging.client.consumed.messages", "{message}", "Number of messages delivered.");
  private static final MetricAttributes ORDERS = MetricAttributes.of(
      "messaging.system", "messaging-system", "messaging.operation.name", "process",
      "messaging.destination.name", "orders", "server.address", "127.0.0.1");

  @Param({"otel", "off"})
  public String metrics;

  private SdkMeterProvider meterProvider;
  private SdkTracerProvider tracerProvider;
  private Span span;

  @Setup(Level.Trial)
  public void setUp() {
    tracerProvider = SdkTracerProvider.builder().build();
    span = tracerProvider.get("benchmark").spanBuilder("process orders").startSpan();
    if (metrics.equals("otel")) {
      OtelMetricsBackend backend = new OtelMetricsBackend(2000, OtelMetricsBackend.ExemplarFilter.TRACE_BASED);
      meterProvider = SdkMeterProvider.builder()
          .registerMetricReader(new PullReader() /* never scraped: the recording side alone */)
          .registerMetricProducer(backend.producer())
          .build();
      Metrics.install(backend);
    } else {
      Metrics.install(null);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    Metrics.install(null);
    span.end();
    tracerProvider.shutdown().join(10, TimeUnit.SECONDS);
    if (meterProvider != null) {
      meterProvider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  @Benchmark
  public void add() {
    Metrics.add(CONSUMED, ORDERS, 1, null);
  }

  @Benchmark
  public void record() {
    Metrics.recordSeconds(DURATION, ORDERS, 21_000_000L, null);
  }

  @Benchmark
  public void addForSpan() {
    Metrics.add(CONSUMED, ORDERS, 1, span);
  }

  @Benchmark
  public void recordForSpan() {
    Metrics.recordSeconds(DURATION, ORDERS, 21_000_000L, span);
  }
}
