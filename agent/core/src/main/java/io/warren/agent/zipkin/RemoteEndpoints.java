package io.warren.agent.zipkin;

import io.warren.bootstrap.CommonAttributes;
import zipkin2.Endpoint;
import zipkin2.Span;

/**
 * The remote endpoint Zipkin gets for a span. The OpenTelemetry transformer sets one for PRODUCER
 * and CLIENT spans with a {@code peer.service} only. CONSUMER spans get the broker here, from the
 * {@code peer.service}, {@code server.address} and {@code server.port} tags their module set:
 * without it, Zipkin's dependency graph would draw producer → consumer and never broker →
 * consumer. CLIENT spans without {@code peer.service} get the called server, named by its
 * {@code server.address}: a service that is not traced itself still appears in the graph.
 */
final class RemoteEndpoints {

  /**
   * The last endpoint built per kind, and the tags it came from: most applications use one
   * broker, and call few servers.
   */
  private static volatile Built lastConsumer = Built.NONE;

  private static volatile Built lastClient = Built.NONE;

  private RemoteEndpoints() {}

  static Endpoint of(Span span) {
    if (span.remoteEndpoint() != null) {
      return span.remoteEndpoint();
    }
    String peer = span.tags().get(CommonAttributes.PEER_SERVICE.name());
    String address = span.tags().get(CommonAttributes.SERVER_ADDRESS.name());
    if (span.kind() == Span.Kind.CONSUMER && peer != null) {
      Built built = lastConsumer.orNew(peer, address, span);
      lastConsumer = built;
      return built.endpoint;
    }
    if (span.kind() == Span.Kind.CLIENT && (peer != null || address != null)) {
      Built built = lastClient.orNew(peer != null ? peer : address, address, span);
      lastClient = built;
      return built.endpoint;
    }
    return null;
  }

  private static Endpoint build(String peer, String address, String port) {
    Endpoint.Builder remote = Endpoint.newBuilder().serviceName(peer);
    if (address != null) {
      remote.ip(address); // ignored unless an IP literal: no name is ever resolved here
    }
    if (port != null) {
      try {
        remote.port(Integer.parseInt(port));
      } catch (NumberFormatException ignored) {
        // leave the port out
      }
    }
    return remote.build();
  }

  private static final class Built {
    static final Built NONE = new Built(null, null, null, null);

    final String peer;
    final String address;
    final String port;
    final Endpoint endpoint;

    Built(String peer, String address, String port, Endpoint endpoint) {
      this.peer = peer;
      this.address = address;
      this.port = port;
      this.endpoint = endpoint;
    }

    /** This one when it was built from the same tags, else a new one. */
    Built orNew(String peer, String address, Span span) {
      String port = span.tags().get(CommonAttributes.SERVER_PORT.name());
      return matches(peer, address, port) ? this : new Built(peer, address, port, build(peer, address, port));
    }

    boolean matches(String peer, String address, String port) {
      return endpoint != null
          && peer.equals(this.peer)
          && (address == null ? this.address == null : address.equals(this.address))
          && (port == null ? this.port == null : port.equals(this.port));
    }
  }
}
