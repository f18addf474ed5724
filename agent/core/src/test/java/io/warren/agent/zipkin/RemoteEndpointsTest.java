package io.warren.agent.zipkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;

class RemoteEndpointsTest {

  @Test
  void consumerSpanGetsTheBrokerAsRemoteEndpoint() {
    Span span = consumerSpan().putTag("server.address", "127.0.0.1").putTag("server.port", "5672").build();

    Endpoint remote = RemoteEndpoints.of(span);

    assertEquals("broker", remote.serviceName());
    assertEquals("127.0.0.1", remote.ipv4());
    assertEquals(5672, remote.portAsInt());
  }

  @Test
  void anotherBrokerGetsItsOwnEndpoint() {
    Span first = consumerSpan().putTag("server.address", "10.0.0.1").putTag("server.port", "5672").build();
    Span second = consumerSpan().putTag("server.address", "10.0.0.2").putTag("server.port", "5673").build();

    assertEquals("10.0.0.1", RemoteEndpoints.of(first).ipv4());
    assertEquals("10.0.0.2", RemoteEndpoints.of(second).ipv4());
    assertEquals(5673, RemoteEndpoints.of(second).portAsInt());
    assertEquals("10.0.0.1", RemoteEndpoints.of(first).ipv4());
  }

  @Test
  void hostNameAndBadPortAreLeftOutButTheServiceIsKept() {
    Span span =
        consumerSpan().putTag("server.address", "broker.internal").putTag("server.port", "not-a-port").build();

    Endpoint remote = RemoteEndpoints.of(span);

    assertEquals("broker", remote.serviceName());
    assertNull(remote.ipv4());
    assertNull(remote.ipv6());
    assertNull(remote.port());
  }

  @Test
  void ipv6BrokerAddress() {
    Span span = consumerSpan().putTag("server.address", "::1").build();

    assertEquals("::1", RemoteEndpoints.of(span).ipv6());
  }

  @Test
  void clientSpanGetsTheCalledServerByItsAddressWithoutPeerService() {
    Span span = clientSpan().putTag("server.address", "inventory.internal").putTag("server.port", "8080").build();

    Endpoint remote = RemoteEndpoints.of(span);

    assertEquals("inventory.internal", remote.serviceName());
    assertEquals(8080, remote.portAsInt());
    assertEquals("10.0.0.7", RemoteEndpoints.of(clientSpan().putTag("server.address", "10.0.0.7").build()).ipv4());
  }

  @Test
  void clientSpanPrefersPeerServiceAndKeepsAnEndpointItAlreadyHas() {
    Span named = clientSpan().putTag("peer.service", "inventory").putTag("server.address", "10.0.0.7").build();
    assertEquals("inventory", RemoteEndpoints.of(named).serviceName());

    Endpoint given = Endpoint.newBuilder().serviceName("given").build();
    assertSame(given, RemoteEndpoints.of(clientSpan().remoteEndpoint(given).putTag("server.address", "x").build()));
    assertNull(RemoteEndpoints.of(clientSpan().build()), "nothing to name the server by");
  }

  private static Span.Builder clientSpan() {
    return Span.newBuilder().traceId("4bf92f3577b34da6").id("00f067aa0ba902b7").kind(Span.Kind.CLIENT).name("get");
  }

  @Test
  void spanWithoutPeerServiceHasNoRemoteEndpoint() {
    Span span = Span.newBuilder().traceId("4bf92f3577b34da6").id("00f067aa0ba902b7").kind(Span.Kind.SERVER)
        .name("get /orders").putTag("server.address", "127.0.0.1").build();

    assertNull(RemoteEndpoints.of(span));
  }

  @Test
  void remoteEndpointWithAnIpIsKept() {
    Endpoint existing = Endpoint.newBuilder().serviceName("broker-1").ip("10.0.0.7").port(5671).build();
    Span span = consumerSpan().remoteEndpoint(existing).putTag("server.address", "127.0.0.1").build();

    assertEquals(existing, RemoteEndpoints.of(span));
  }

  private static Span.Builder consumerSpan() {
    return Span.newBuilder()
        .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
        .id("00f067aa0ba902b7")
        .kind(Span.Kind.CONSUMER)
        .name("process amq.default:task_queue")
        .localEndpoint(Endpoint.newBuilder().serviceName("worker").build())
        .putTag("peer.service", "broker");
  }
}
