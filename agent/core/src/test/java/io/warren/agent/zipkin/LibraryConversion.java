package io.warren.agent.zipkin;

import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;
import zipkin2.codec.SpanBytesEncoder;
import zipkin2.reporter.BytesEncoder;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.Encoding;

/**
 * The reference: what Warren's Zipkin export made of spans before it wrote them itself.
 * opentelemetry-exporter-zipkin 1.63.0 converts each SpanData to a zipkin2.Span, then Warren's
 * previous rule gave CONSUMER spans the broker as remote endpoint, and CLIENT spans the library
 * left without one the called server, by its address.
 */
final class LibraryConversion {

  private LibraryConversion() {}

  @SuppressWarnings("deprecation") // the last published version: the reference, in tests only
  static List<Span> convert(Collection<SpanData> spans, InetAddress localIp) {
    List<Span> converted = new ArrayList<>();
    ZipkinSpanExporter exporter = ZipkinSpanExporter.builder()
        .setLocalIpAddressSupplier(() -> localIp)
        .setEncoder(new Capturing(converted))
        .setSender(new Discarding())
        .build();
    if (!exporter.export(spans).join(10, TimeUnit.SECONDS).isSuccess()) {
      throw new AssertionError("the library's exporter failed");
    }
    exporter.shutdown();
    List<Span> withRemote = new ArrayList<>();
    for (Span span : converted) {
      withRemote.add(asZipkinReadsIt(previousRemoteEndpointRule(span)));
    }
    return withRemote;
  }

  /**
   * The span through zipkin2's own protobuf encoder and decoder: what Zipkin read of it. (An
   * endpoint keeps the text of its IP, "01.2.3.4", where the wire holds its bytes, 1.2.3.4.)
   */
  private static Span asZipkinReadsIt(Span span) {
    return SpanBytesDecoder.PROTO3.decodeOne(SpanBytesEncoder.PROTO3.encode(span));
  }

  /**
   * Warren's rule before it worked on SpanData: a CONSUMER span's broker, a CLIENT span's server
   * without {@code peer.service}, from their tags.
   */
  private static Span previousRemoteEndpointRule(Span span) {
    if (span.remoteEndpoint() != null) {
      return span;
    }
    String address = span.tags().get("server.address");
    String name = span.kind() == Span.Kind.CONSUMER ? span.tags().get("peer.service")
        : span.kind() == Span.Kind.CLIENT ? address : null;
    if (name == null) {
      return span;
    }
    Endpoint.Builder remote = Endpoint.newBuilder().serviceName(name);
    if (address != null) {
      remote.ip(address);
    }
    String port = span.tags().get("server.port");
    if (port != null) {
      try {
        remote.port(Integer.parseInt(port));
      } catch (NumberFormatException ignored) {
        // left out
      }
    }
    return span.toBuilder().remoteEndpoint(remote.build()).build();
  }

  private static final class Capturing implements BytesEncoder<Span> {
    private final List<Span> spans;

    Capturing(List<Span> spans) {
      this.spans = spans;
    }

    @Override
    public Encoding encoding() {
      return Encoding.PROTO3;
    }

    @Override
    public int sizeInBytes(Span span) {
      return 0;
    }

    @Override
    public byte[] encode(Span span) {
      spans.add(span);
      return new byte[0];
    }
  }

  private static final class Discarding implements BytesMessageSender {
    @Override
    public Encoding encoding() {
      return Encoding.PROTO3;
    }

    @Override
    public int messageMaxBytes() {
      return Integer.MAX_VALUE;
    }

    @Override
    public int messageSizeInBytes(List<byte[]> encodedSpans) {
      return 0;
    }

    @Override
    public int messageSizeInBytes(int encodedSizeInBytes) {
      return 0;
    }

    @Override
    public void send(List<byte[]> encodedSpans) {}

    @Override
    public void close() {}
  }
}
