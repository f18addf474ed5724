package io.warren.agent.zipkin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;
import zipkin2.codec.SpanBytesEncoder;
import zipkin2.reporter.Encoding;

/** Our encoder must write exactly what zipkin2's PROTO3 encoder writes, and Zipkin must read it. */
class Proto3SpanEncoderTest {

  private static final Endpoint SERVICE = Endpoint.newBuilder().serviceName("orders").build();
  private static final Endpoint BROKER = Endpoint.newBuilder().serviceName("broker").build();

  private final Proto3SpanEncoder encoder = new Proto3SpanEncoder();

  @Test
  void producerSpanIsWrittenAsZipkinWritesIt() {
    Span span =
        Span.newBuilder()
            .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
            .id("00f067aa0ba902b7")
            .kind(Span.Kind.PRODUCER)
            .name("publish amq.default:orders")
            .timestamp(1_795_627_876_867_587L)
            .duration(9)
            .localEndpoint(SERVICE)
            .remoteEndpoint(BROKER)
            .putTag("messaging.destination.name", "") // the default exchange: an empty value
            .putTag("messaging.system", "broker")
            .putTag("messaging.message.body.size", "256")
            .build();

    assertSameAsZipkin(span, span);
  }

  @Test
  void consumerSpanGetsTheBrokerAsRemoteEndpointInTheBytes() {
    Span span =
        Span.newBuilder()
            .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
            .parentId("00f067aa0ba902b7")
            .id("5c66da1621223b62")
            .kind(Span.Kind.CONSUMER)
            .name("process amq.default:orders")
            .timestamp(1_795_627_876_991_047L)
            .duration(37)
            .localEndpoint(SERVICE)
            .putTag("peer.service", "broker")
            .putTag("server.address", "127.0.0.1")
            .putTag("server.port", "5672")
            .build();
    Span expected =
        span.toBuilder()
            .remoteEndpoint(
                Endpoint.newBuilder().serviceName("broker").ip("127.0.0.1").port(5672).build())
            .build();

    assertSameAsZipkin(span, expected);
    assertEquals(expected, decode(encoder.encode(span)));
  }

  @Test
  void everyFieldZipkinKnows() {
    Span span =
        Span.newBuilder()
            .traceId("a3ce929d0e0e4736") // 64-bit trace id
            .parentId("1")
            .id("2")
            .kind(Span.Kind.CLIENT)
            .name("get /ünïcödé ✓")
            .timestamp(1L)
            .duration(300_000_000_000L) // a multi-byte varint
            .localEndpoint(
                Endpoint.newBuilder().serviceName("front").ip("2001:db8::c001").port(8080).build())
            .remoteEndpoint(Endpoint.newBuilder().ip("192.168.99.101").port(9000).build())
            .addAnnotation(1_000_000L, "ws")
            .addAnnotation(2_000_000L, "wr ✓")
            .putTag("error", "")
            .putTag("long", "x".repeat(300)) // a two-byte length prefix
            .putTag("emoji", "\uD83D\uDE00")
            .debug(true)
            .shared(true)
            .build();

    assertSameAsZipkin(span, span);
  }

  @Test
  void spanWithOnlyIds() {
    Span span = Span.newBuilder().traceId("1").id("2").build();

    assertSameAsZipkin(span, span);
  }

  @Test
  void endpointsChangeBetweenSpans() {
    Span first = Span.newBuilder().traceId("1").id("2").localEndpoint(SERVICE).build();
    Span second =
        Span.newBuilder()
            .traceId("1")
            .id("3")
            .localEndpoint(Endpoint.newBuilder().serviceName("billing").build())
            .build();

    assertSameAsZipkin(first, first);
    assertSameAsZipkin(second, second);
    assertSameAsZipkin(first, first);
  }

  @Test
  void aSpanLargerThanTheBufferAndOneAfterIt() {
    Span.Builder large = Span.newBuilder().traceId("1").id("2").localEndpoint(SERVICE);
    for (int i = 0; i < 100; i++) {
      large.putTag("tag." + i, "ä".repeat(i * 10)); // up to 1980 bytes of UTF-8 each
    }
    Span small = Span.newBuilder().traceId("1").id("3").name("small").localEndpoint(SERVICE).build();

    assertSameAsZipkin(large.build(), large.build());
    assertSameAsZipkin(small, small);
  }

  @Test
  void sizeMatchesTheBytes() {
    Span span = Span.newBuilder().traceId("1").id("2").name("x").localEndpoint(SERVICE).build();

    assertEquals(Encoding.PROTO3, encoder.encoding());
    assertEquals(encoder.encode(span).length, encoder.sizeInBytes(span));
  }

  private void assertSameAsZipkin(Span span, Span expected) {
    assertArrayEquals(SpanBytesEncoder.PROTO3.encode(expected), encoder.encode(span));
    assertEquals(expected, decode(encoder.encode(span)));
  }

  private static Span decode(byte[] listOfOneSpan) {
    List<Span> spans = SpanBytesDecoder.PROTO3.decodeList(listOfOneSpan);
    assertEquals(1, spans.size());
    return spans.get(0);
  }
}
