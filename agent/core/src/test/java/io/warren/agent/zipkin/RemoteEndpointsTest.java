package io.warren.agent.zipkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.codec.SpanBytesDecoder;

/** The remote endpoint, as Zipkin reads it from the exported bytes. */
class RemoteEndpointsTest {

  @Test
  void consumerSpanGetsTheBrokerAsRemoteEndpoint() {
    Endpoint remote = remoteEndpoint(SpanKind.CONSUMER, broker().put("server.address", "127.0.0.1").put("server.port", 5672L));

    assertEquals("broker", remote.serviceName());
    assertEquals("127.0.0.1", remote.ipv4());
    assertEquals(5672, remote.portAsInt());
  }

  @Test
  void anotherBrokerGetsItsOwnEndpoint() {
    AttributesBuilder first = broker().put("server.address", "10.0.0.1").put("server.port", 5672L);
    AttributesBuilder second = broker().put("server.address", "10.0.0.2").put("server.port", 5673L);

    assertEquals("10.0.0.1", remoteEndpoint(SpanKind.CONSUMER, first).ipv4());
    assertEquals("10.0.0.2", remoteEndpoint(SpanKind.CONSUMER, second).ipv4());
    assertEquals(5673, remoteEndpoint(SpanKind.CONSUMER, second).portAsInt());
    assertEquals("10.0.0.1", remoteEndpoint(SpanKind.CONSUMER, first).ipv4());
  }

  @Test
  void hostNameAndBadPortAreLeftOutButTheServiceIsKept() {
    Endpoint remote = remoteEndpoint(SpanKind.CONSUMER,
        broker().put("server.address", "broker.internal").put("server.port", "not-a-port"));

    assertEquals("broker", remote.serviceName());
    assertNull(remote.ipv4());
    assertNull(remote.ipv6());
    assertNull(remote.port());
  }

  @Test
  void ipv6BrokerAddress() {
    assertEquals("::1", remoteEndpoint(SpanKind.CONSUMER, broker().put("server.address", "::1")).ipv6());
  }

  @Test
  void producerSpanKeepsTheLibrarysRule() {
    Endpoint remote = remoteEndpoint(SpanKind.PRODUCER, broker().put("server.address", "127.0.0.1")
        .put("server.socket.address", "10.0.0.9").put("server.socket.port", 5671L));

    assertEquals("broker", remote.serviceName());
    assertEquals("10.0.0.9", remote.ipv4());
    assertEquals(5671, remote.portAsInt());
  }

  @Test
  void clientSpanGetsTheCalledServerByItsAddressWithoutPeerService() {
    Endpoint remote = remoteEndpoint(SpanKind.CLIENT,
        Attributes.builder().put("server.address", "inventory.internal").put("server.port", 8080L));

    assertEquals("inventory.internal", remote.serviceName());
    assertEquals(8080, remote.portAsInt());
    assertEquals("10.0.0.7",
        remoteEndpoint(SpanKind.CLIENT, Attributes.builder().put("server.address", "10.0.0.7")).ipv4());
    assertNull(remoteEndpoint(SpanKind.CLIENT, Attributes.builder()), "nothing to name the server by");
  }

  @Test
  void clientSpanWithPeerServiceKeepsTheLibrarysRule() {
    Endpoint remote = remoteEndpoint(SpanKind.CLIENT, broker().put("server.address", "10.0.0.7"));

    assertEquals("broker", remote.serviceName());
    assertNull(remote.ipv4(), "the library reads server.socket.address, not server.address");
  }

  @Test
  void spanWithoutPeerServiceOrOfAnotherKindHasNoRemoteEndpoint() {
    assertNull(remoteEndpoint(SpanKind.CONSUMER, Attributes.builder().put("server.address", "127.0.0.1")));
    assertNull(remoteEndpoint(SpanKind.SERVER, broker().put("server.address", "127.0.0.1")));
    assertNull(remoteEndpoint(SpanKind.INTERNAL, broker()));
  }

  private static AttributesBuilder broker() {
    return Attributes.builder().put("peer.service", "broker");
  }

  private static Endpoint remoteEndpoint(SpanKind kind, AttributesBuilder attributes) {
    SpanData span = TestSpanData.builder()
        .setSpanContext(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
            TraceFlags.getSampled(), TraceState.getDefault()))
        .setName("process amq.default:task_queue")
        .setKind(kind)
        .setStartEpochNanos(1_000_000)
        .setEndEpochNanos(2_000_000)
        .setAttributes(attributes.build())
        .setStatus(StatusData.unset())
        .setHasEnded(true)
        .build();
    Proto3Buffer buffer = new Proto3Buffer(64);
    new SpanDataProto3Encoder().write(span, buffer);
    return SpanBytesDecoder.PROTO3.decodeList(buffer.toByteArray()).get(0).remoteEndpoint();
  }
}
