package io.warren.agent.zipkin;

import io.warren.bootstrap.CommonAttributes;
import zipkin2.Endpoint;
import zipkin2.Span;

/**
 * The remote endpoint Zipkin gets for a span. The OpenTelemetry transformer sets one for PRODUCER
 * spans only; CONSUMER spans get the broker here, from the {@code peer.service},
 * {@code server.address} and {@code server.port} tags their module set. Without it, Zipkin's
 * dependency graph would draw producer → consumer and never broker → consumer.
 */
final class RemoteEndpoints {

  /** The last endpoint built and the tags it came from: most applications use one broker. */
  private static volatile Built last = new Built(null, null, null, null);

  private RemoteEndpoints() {}

  static Endpoint of(Span span) {
    if (span.kind() != Span.Kind.CONSUMER || span.remoteEndpoint() != null) {
      return span.remoteEndpoint();
    }
    String peer = span.tags().get(CommonAttributes.PEER_SERVICE.name());
    if (peer == null) {
      return null;
    }
    String address = span.tags().get(CommonAttributes.SERVER_ADDRESS.name());
    String port = span.tags().get(CommonAttributes.SERVER_PORT.name());
    Built built = last;
    if (!built.matches(peer, address, port)) {
      built = new Built(peer, address, port, build(peer, address, port));
      last = built;
    }
    return built.endpoint;
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

    boolean matches(String peer, String address, String port) {
      return endpoint != null
          && peer.equals(this.peer)
          && (address == null ? this.address == null : address.equals(this.address))
          && (port == null ? this.port == null : port.equals(this.port));
    }
  }
}
