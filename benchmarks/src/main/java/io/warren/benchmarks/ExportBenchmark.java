package io.warren.benchmarks;

import com.rabbitmq.client.impl.LongStringHelper;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.internal.otlp.traces.LowAllocationTraceRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.warren.agent.otel.OtelTracingBackend;
import io.warren.agent.zipkin.Proto3Buffer;
import io.warren.agent.zipkin.SpanDataProto3Encoder;
import io.warren.benchmarks.baseline.Proto3SpanEncoder;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;
import io.warren.instrumentation.rabbitmq.bootstrap.RabbitSpans;
import io.warren.instrumentation.rabbitmq.bootstrap.api.DeliverySpan;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import zipkin2.Span;
import zipkin2.reporter.BytesEncoder;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.Encoding;

/**
 * What the export thread does per span, for a batch of Warren's own spans (half publish, half
 * delivery, made through the RabbitMQ module as the advice makes them), with the network left
 * out. Per span:
 *
 * <ul>
 *   <li>{@code zipkinExport}: Warren's Zipkin exporter as built at run time: the batch written
 *       from the SDK's spans into the exporter's reused buffer, as the exporter writes it before
 *       it sends it;
 *   <li>{@code libraryZipkinExport}, the baseline (Warren's Zipkin export before issue 28):
 *       opentelemetry-exporter-zipkin converts each span to a {@code zipkin2.Span}, Warren's
 *       encoder of that time writes it, a sender that discards takes the bytes;
 *   <li>{@code libraryZipkinEncodeOnly}: that encoder alone, on the library's converted spans:
 *       its difference to the above is the conversion;
 *   <li>{@code otlpMarshal}, {@code otlpMarshalReusable}: the OTLP exporter's protobuf, with the
 *       SDK's immutable and its reusable (low-allocation) marshaler.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ExportBenchmark {

  /** The batch processor's default batch. */
  private static final int BATCH = 512;

  private final List<SpanData> batch = new ArrayList<SpanData>();
  private final List<Span> converted = new ArrayList<Span>();
  private final Proto3SpanEncoder encoder = new Proto3SpanEncoder();
  private final SpanDataProto3Encoder warren = new SpanDataProto3Encoder();
  private final Proto3Buffer buffer = new Proto3Buffer(64 * 1024);
  private final LowAllocationTraceRequestMarshaler reusable = new LowAllocationTraceRequestMarshaler();
  private SpanExporter library;

  @Setup
  public void makeSpans() throws Exception {
    InMemorySpanExporter finished = InMemorySpanExporter.create();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .setResource(Resource.getDefault().merge(Resource.create(
                Attributes.builder().put("service.name", "orders").build())))
            .addSpanProcessor(SimpleSpanProcessor.create(finished))
            .build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    Tracing.install(new OtelTracingBackend(sdk));
    InetAddress server = InetAddress.getByName("127.0.0.1");
    byte[] body = new byte[256];
    for (int i = 0; i < BATCH / 2; i++) {
      Map<String, Object> headers = new HashMap<String, Object>();
      SpanStart publish = RabbitSpans.publish("orders", "order.created").injectInto(headers);
      RabbitSpans.message(publish, null, null, body.length);
      Tracing.end(Tracing.start(RabbitSpans.server(publish, server, 5672)), null);
      Map<String, Object> delivered = new HashMap<String, Object>();
      delivered.put("traceparent", LongStringHelper.asLongString((String) headers.get("traceparent")));
      Object process = Tracing.startCurrent(DeliverySpan.begin()
          .queue("orders").exchange("orders").routingKey("order.created").headers(delivered)
          .bodySize(body.length).deliveryTag(i + 1).server(server, 5672).describe());
      Tracing.end(process, null);
    }
    Tracing.install(null);
    batch.addAll(finished.getFinishedSpanItems()); // before the shutdown, which clears them
    sdk.shutdown().join(10, TimeUnit.SECONDS);
    if (batch.size() != BATCH) {
      throw new IllegalStateException(batch.size() + " spans made, not " + BATCH);
    }
    ZipkinSpanExporter.builder().setSender(new Discarding()).setEncoder(new Capturing()).build()
        .export(batch).join(10, TimeUnit.SECONDS);
    library = ZipkinSpanExporter.builder().setSender(new Discarding()).setEncoder(encoder).build();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int zipkinExport() {
    buffer.reset();
    for (int i = 0; i < batch.size(); i++) {
      warren.write(batch.get(i), buffer);
    }
    return buffer.size();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public CompletableResultCode libraryZipkinExport() {
    return library.export(batch);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void libraryZipkinEncodeOnly(Blackhole blackhole) {
    for (int i = 0; i < converted.size(); i++) {
      blackhole.consume(encoder.encode(converted.get(i)));
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void otlpMarshal() throws IOException {
    TraceRequestMarshaler.create(batch).writeBinaryTo(OutputStream.nullOutputStream());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void otlpMarshalReusable() throws IOException {
    reusable.initialize(batch);
    try {
      reusable.writeBinaryTo(OutputStream.nullOutputStream());
    } finally {
      reusable.reset();
    }
  }

  /** The baseline encoder, keeping the library's converted spans it is given. */
  private final class Capturing implements BytesEncoder<Span> {
    @Override
    public Encoding encoding() {
      return encoder.encoding();
    }

    @Override
    public int sizeInBytes(Span span) {
      return encoder.sizeInBytes(span);
    }

    @Override
    public byte[] encode(Span span) {
      converted.add(span);
      return encoder.encode(span);
    }
  }

  /** Takes the encoded spans and sends nothing. */
  private static final class Discarding implements BytesMessageSender {
    @Override
    public Encoding encoding() {
      return Encoding.PROTO3;
    }

    @Override
    public int messageMaxBytes() {
      return 5 * 1024 * 1024;
    }

    @Override
    public int messageSizeInBytes(List<byte[]> encodedSpans) {
      return Encoding.PROTO3.listSizeInBytes(encodedSpans);
    }

    @Override
    public int messageSizeInBytes(int encodedSizeInBytes) {
      return Encoding.PROTO3.listSizeInBytes(encodedSizeInBytes);
    }

    @Override
    public void send(List<byte[]> encodedSpans) {}

    @Override
    public void close() {}
  }
}
