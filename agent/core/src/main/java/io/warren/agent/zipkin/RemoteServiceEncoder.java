package io.warren.agent.zipkin;

import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.reporter.BytesEncoder;
import zipkin2.reporter.Encoding;
import zipkin2.reporter.SpanBytesEncoder;

/**
 * Gives CONSUMER spans the broker as their Zipkin remote endpoint, as the OpenTelemetry
 * transformer does for PRODUCER spans. Without it, Zipkin's dependency graph would draw
 * producer → consumer and never rabbitmq → consumer.
 */
final class RemoteServiceEncoder implements BytesEncoder<Span> {

  private final BytesEncoder<Span> encoder;

  RemoteServiceEncoder(Encoding encoding) {
    this.encoder = SpanBytesEncoder.forEncoding(encoding);
  }

  @Override
  public Encoding encoding() {
    return encoder.encoding();
  }

  @Override
  public int sizeInBytes(Span span) {
    return encoder.sizeInBytes(withRemoteEndpoint(span));
  }

  @Override
  public byte[] encode(Span span) {
    return encoder.encode(withRemoteEndpoint(span));
  }

  static Span withRemoteEndpoint(Span span) {
    if (span.kind() != Span.Kind.CONSUMER || span.remoteEndpoint() != null) {
      return span; // PRODUCER spans already have it; rebuilding costs a copy of every span
    }
    String peer = span.tags().get("peer.service");
    if (peer == null) {
      return span;
    }
    Endpoint.Builder remote = Endpoint.newBuilder().serviceName(peer);
    String address = span.tags().get("server.address");
    if (address != null) {
      remote.ip(address); // ignored unless an IP literal: no name is ever resolved here
    }
    String port = span.tags().get("server.port");
    if (port != null) {
      try {
        remote.port(Integer.parseInt(port));
      } catch (NumberFormatException ignored) {
        // leave the port out
      }
    }
    return span.toBuilder().remoteEndpoint(remote.build()).build();
  }
}
