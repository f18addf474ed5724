package io.warren.benchmarks;

import com.rabbitmq.client.impl.LongStringHelper;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.warren.agent.otel.OtelTracingBackend;
import io.warren.bootstrap.MetricAttributes;
import io.warren.bootstrap.MetricInstrument;
import io.warren.bootstrap.Metrics;
import io.warren.bootstrap.MetricsBackend;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.TracingBackend;
import io.warren.instrumentation.rabbitmq.bootstrap.Confirms;
import io.warren.instrumentation.rabbitmq.bootstrap.MessageHistory;
import io.warren.instrumentation.rabbitmq.bootstrap.OriginHeader;
import io.warren.instrumentation.rabbitmq.bootstrap.RabbitMetrics;
import io.warren.instrumentation.rabbitmq.bootstrap.RabbitSpans;
import io.warren.instrumentation.rabbitmq.bootstrap.api.DeliverySpan;
import java.net.InetAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * What Warren adds to each message, measured the way the advice calls it: the RabbitMQ module's
 * {@link RabbitSpans} and {@link DeliverySpan} describe the span and {@link Tracing}'s static entry points start it in an
 * {@link OtelTracingBackend} backed by a real
 * SDK whose {@link BatchSpanProcessor} (with the agent's queue size) feeds an exporter that
 * discards. The advice's own work is reproduced too: the publish copies the caller's headers
 * into a new HashMap, the delivery reads headers holding the client's {@code LongString}s.
 *
 * <p>{@code tracer=otel} is the traced path; {@code tracer=noop} is the agent before (or
 * without) an SDK, the floor of the bridge itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPathBenchmark {

  /** Spans the SDK needs a queue slot for: the agent's default (WarrenDefaults). */
  private static final int MAX_QUEUE_SIZE = 32768; // the agent's default from a 256 MB heap up

  @Param({"otel", "noop"})
  public String tracer;

  /**
   * {@code off}: no metrics core (the default, {@code otel.metrics.exporter=none}); {@code noop}:
   * a metrics core that drops every measurement, so what is left is the module's own work for its
   * metrics (attribute lookups, time-in-queue and origin reads, the origin header).
   */
  @Param({"off", "noop"})
  public String metrics;

  private OpenTelemetrySdk sdk;
  private DiscardingExporter exporter;
  private Map<String, Object> callerHeaders;
  private Map<String, Object> deliveredHeaders;
  private InetAddress server;
  private final byte[] body = new byte[256];

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    server = InetAddress.getByName("127.0.0.1");
    callerHeaders = new HashMap<>();
    callerHeaders.put("content-kind", "order");
    callerHeaders.put("x-retries", 0);
    deliveredHeaders = new HashMap<>();
    deliveredHeaders.put("content-kind", LongStringHelper.asLongString("order"));
    deliveredHeaders.put("x-retries", 0);
    // What a message published by Warren carries: its publish time and (metrics on) its origin.
    deliveredHeaders.put(MessageHistory.PUBLISHED_AT, System.currentTimeMillis());
    deliveredHeaders.put(OriginHeader.NAME, LongStringHelper.asLongString("orders-api"));
    deliveredHeaders.put("traceparent", LongStringHelper.asLongString(
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    Metrics.install(metrics.equals("noop") ? new DroppingMetrics() : null);
    if (tracer.equals("otel")) {
      exporter = new DiscardingExporter();
      sdk = OpenTelemetrySdk.builder()
          .setTracerProvider(SdkTracerProvider.builder()
              .addSpanProcessor(BatchSpanProcessor.builder(exporter)
                  .setMaxQueueSize(MAX_QUEUE_SIZE)
                  .build())
              .build())
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();
      Tracing.install(new OtelTracingBackend(sdk));
    } else {
      Tracing.install(TracingBackend.NOOP);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    Tracing.install(null);
    Metrics.install(null);
    if (sdk != null) {
      sdk.shutdown().join(10, TimeUnit.SECONDS);
      System.out.println();
      System.out.println("spans exported (and discarded): " + exporter.spans.sum());
    }
  }

  /**
   * PublishAdvice: copy the caller's headers, describe the message, start a PRODUCER span, add the
   * publish time (and, metrics on, the origin), end the span (Confirms: not in confirm mode) and
   * measure the publish.
   */
  @Benchmark
  public Map<String, Object> publish() {
    Map<String, Object> headers = new HashMap<>(callerHeaders);
    SpanStart span = RabbitSpans.publish("orders", "order.created").injectInto(headers);
    RabbitSpans.message(span, null, null, body.length);
    String measured =
        span.isContextOnly() || span.isSkipped() ? null : RabbitMetrics.publishDestination("orders", "order.created");
    Object handle = Tracing.start(RabbitSpans.server(span, server, 5672));
    if (handle != null) {
      MessageHistory.stamp(headers);
      if (measured != null) {
        RabbitMetrics.stampOrigin(headers);
      }
    }
    Confirms.publishing(handle, false, measured, server, 5672);
    Confirms.published(handle, null);
    return headers;
  }

  /**
   * DeliveryAdvice: describe the delivery (metrics on: read its time in the queue and origin),
   * start a current CONSUMER span from traceparent, measure its handling, end it.
   */
  @Benchmark
  public void deliver(Blackhole blackhole) {
    Object handle =
        Tracing.startCurrent(
            DeliverySpan.begin()
                .queue("orders")
                .exchange("orders")
                .routingKey("order.created")
                .headers(deliveredHeaders)
                .bodySize(body.length)
                .deliveryTag(42)
                .server(server, 5672)
                .describe());
    blackhole.consume(handle);
    DeliverySpan.listenerReturned(handle, null);
    Tracing.end(handle, null);
  }

  /** A metrics core that is installed (metrics are on) and drops every measurement. */
  static final class DroppingMetrics implements MetricsBackend {
    @Override
    public void add(MetricInstrument counter, MetricAttributes attributes, long value, Object span) {}

    @Override
    public void record(MetricInstrument histogram, MetricAttributes attributes, double value, Object span) {}
  }

  /** Accepts every batch and keeps only a count. */
  static final class DiscardingExporter implements SpanExporter {
    final LongAdder spans = new LongAdder();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.add(batch.size());
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
