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
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.TracingBackend;
import io.warren.instrumentation.rabbitmq.bootstrap.MessageHistory;
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
    deliveredHeaders.put("traceparent", LongStringHelper.asLongString(
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
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
    if (sdk != null) {
      sdk.shutdown().join(10, TimeUnit.SECONDS);
      System.out.println();
      System.out.println("spans exported (and discarded): " + exporter.spans.sum());
    }
  }

  /**
   * PublishAdvice: copy the caller's headers, describe the message, start a PRODUCER span, add the
   * publish time, end the span.
   */
  @Benchmark
  public Map<String, Object> publish() {
    Map<String, Object> headers = new HashMap<>(callerHeaders);
    SpanStart span = RabbitSpans.publish("orders", "order.created").injectInto(headers);
    RabbitSpans.message(span, null, null, body.length);
    Object handle = Tracing.start(RabbitSpans.server(span, server, 5672));
    if (handle != null) {
      MessageHistory.stamp(headers);
    }
    Tracing.end(handle, null);
    return headers;
  }

  /** DeliveryAdvice: describe the delivery, start a current CONSUMER span from traceparent, end it. */
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
    Tracing.end(handle, null);
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
