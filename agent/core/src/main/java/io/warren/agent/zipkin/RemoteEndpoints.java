package io.warren.agent.zipkin;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.warren.bootstrap.CommonAttributes;

/**
 * The remote endpoint Zipkin gets for a span: the one place that decides it.
 *
 * <ul>
 *   <li>PRODUCER and CLIENT spans: as opentelemetry-exporter-zipkin decided it, from
 *       {@code peer.service}, {@code server.socket.address} and {@code server.socket.port};
 *   <li>CLIENT spans without {@code peer.service}: the called server, named by its
 *       {@code server.address} (with {@code server.port}), so that a service which is not traced
 *       itself still appears in Zipkin's dependency graph;
 *   <li>CONSUMER spans: the broker, from the {@code peer.service}, {@code server.address} and
 *       {@code server.port} attributes their module set. Without it, Zipkin's dependency graph
 *       would draw producer → consumer and never broker → consumer;
 *   <li>other spans: none.
 * </ul>
 */
final class RemoteEndpoints {

  private static final AttributeKey<String> PEER_SERVICE =
      AttributeKey.stringKey(CommonAttributes.PEER_SERVICE.name());
  private static final AttributeKey<String> SERVER_ADDRESS =
      AttributeKey.stringKey(CommonAttributes.SERVER_ADDRESS.name());
  private static final AttributeKey<Long> SERVER_PORT =
      AttributeKey.longKey(CommonAttributes.SERVER_PORT.name());
  private static final AttributeKey<String> SERVER_PORT_STRING =
      AttributeKey.stringKey(CommonAttributes.SERVER_PORT.name());
  private static final AttributeKey<String> SOCKET_ADDRESS =
      AttributeKey.stringKey("server.socket.address");
  private static final AttributeKey<Long> SOCKET_PORT = AttributeKey.longKey("server.socket.port");

  /**
   * The last endpoint built for each rule and what it came from: most applications use one
   * broker, and publish and delivery spans alternate.
   */
  private static final LastBuilt PRODUCER_OR_CLIENT = new LastBuilt();
  private static final LastBuilt CONSUMER = new LastBuilt();
  private static final LastBuilt CLIENT_BY_ADDRESS = new LastBuilt();

  private RemoteEndpoints() {}

  /** The span's remote endpoint, or null when it has none. */
  static ZipkinEndpoint of(SpanData span) {
    SpanKind kind = span.getKind();
    Attributes attributes = span.getAttributes();
    if (kind == SpanKind.CLIENT && attributes.get(PEER_SERVICE) == null) {
      String address = attributes.get(SERVER_ADDRESS);
      return CLIENT_BY_ADDRESS.endpoint(address, address, port(attributes));
    }
    if (kind == SpanKind.PRODUCER || kind == SpanKind.CLIENT) {
      Long port = attributes.get(SOCKET_PORT);
      return PRODUCER_OR_CLIENT.endpoint(attributes.get(PEER_SERVICE),
          attributes.get(SOCKET_ADDRESS), port == null ? 0 : port.intValue());
    }
    if (kind == SpanKind.CONSUMER) {
      return CONSUMER.endpoint(attributes.get(PEER_SERVICE), attributes.get(SERVER_ADDRESS),
          port(attributes));
    }
    return null;
  }

  /** {@code server.port}, a number (as modules set it) or a string of digits; else 0 (none). */
  private static int port(Attributes attributes) {
    Long port = attributes.get(SERVER_PORT);
    if (port != null) {
      return port > 0 && port <= 0xffff ? port.intValue() : 0;
    }
    String digits = attributes.get(SERVER_PORT_STRING);
    if (digits != null) {
      try {
        return Integer.parseInt(digits);
      } catch (NumberFormatException ignored) {
        // leave the port out
      }
    }
    return 0;
  }

  private static final class LastBuilt {
    private volatile Built last = new Built(null, null, 0, null);

    ZipkinEndpoint endpoint(String peer, String address, int port) {
      if (peer == null) {
        return null;
      }
      Built built = last;
      if (!built.matches(peer, address, port)) {
        built = new Built(peer, address, port, ZipkinEndpoint.of(peer, address, port));
        last = built;
      }
      return built.endpoint;
    }
  }

  private static final class Built {
    final String peer;
    final String address;
    final int port;
    final ZipkinEndpoint endpoint;

    Built(String peer, String address, int port, ZipkinEndpoint endpoint) {
      this.peer = peer;
      this.address = address;
      this.port = port;
      this.endpoint = endpoint;
    }

    boolean matches(String peer, String address, int port) {
      return endpoint != null
          && peer.equals(this.peer)
          && (address == null ? this.address == null : address.equals(this.address))
          && port == this.port;
    }
  }
}
