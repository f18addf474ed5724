package io.warren.agent.zipkin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.reporter.Encoding;

class RemoteServiceEncoderTest {

  private final RemoteServiceEncoder encoder = new RemoteServiceEncoder(zipkin2.reporter.Encoding.JSON);

  @Test
  void consumerSpanGetsTheBrokerAsRemoteEndpoint() {
    Span span = consumerSpan().putTag("server.address", "127.0.0.1").putTag("server.port", "5672").build();

    Endpoint remote = RemoteServiceEncoder.withRemoteEndpoint(span).remoteEndpoint();

    assertEquals("rabbitmq", remote.serviceName());
    assertEquals("127.0.0.1", remote.ipv4());
    assertEquals(5672, remote.portAsInt());
  }

  @Test
  void encodedJsonCarriesTheRemoteEndpointAndMatchesItsSize() {
    Span span = consumerSpan().putTag("server.address", "127.0.0.1").putTag("server.port", "5672").build();

    byte[] json = encoder.encode(span);

    assertEquals(Encoding.JSON, encoder.encoding());
    assertEquals(json.length, encoder.sizeInBytes(span));
    assertTrue(
        new String(json, UTF_8)
            .contains("\"remoteEndpoint\":{\"serviceName\":\"rabbitmq\",\"ipv4\":\"127.0.0.1\",\"port\":5672}"),
        new String(json, UTF_8));
  }

  @Test
  void hostNameAndBadPortAreLeftOutButTheServiceIsKept() {
    Span span =
        consumerSpan().putTag("server.address", "rabbit.internal").putTag("server.port", "amqp").build();

    Endpoint remote = RemoteServiceEncoder.withRemoteEndpoint(span).remoteEndpoint();

    assertEquals("rabbitmq", remote.serviceName());
    assertNull(remote.ipv4());
    assertNull(remote.ipv6());
    assertNull(remote.port());
  }

  @Test
  void ipv6BrokerAddress() {
    Span span = consumerSpan().putTag("server.address", "::1").build();

    assertEquals("::1", RemoteServiceEncoder.withRemoteEndpoint(span).remoteEndpoint().ipv6());
  }

  @Test
  void spanWithoutPeerServiceIsUnchanged() {
    Span span = Span.newBuilder().traceId("4bf92f3577b34da6").id("00f067aa0ba902b7").kind(Span.Kind.SERVER)
        .name("get /orders").putTag("server.address", "127.0.0.1").build();

    assertSame(span, RemoteServiceEncoder.withRemoteEndpoint(span));
    assertNull(span.remoteEndpoint());
  }

  @Test
  void remoteEndpointWithAnIpIsKept() {
    Endpoint existing = Endpoint.newBuilder().serviceName("broker-1").ip("10.0.0.7").port(5671).build();
    Span span = consumerSpan().remoteEndpoint(existing).putTag("server.address", "127.0.0.1").build();

    assertEquals(existing, RemoteServiceEncoder.withRemoteEndpoint(span).remoteEndpoint());
  }

  private static Span.Builder consumerSpan() {
    return Span.newBuilder()
        .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
        .id("00f067aa0ba902b7")
        .kind(Span.Kind.CONSUMER)
        .name("process amq.default:task_queue")
        .localEndpoint(Endpoint.newBuilder().serviceName("worker").build())
        .putTag("peer.service", "rabbitmq");
  }
}
