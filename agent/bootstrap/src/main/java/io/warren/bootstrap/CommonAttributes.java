package io.warren.bootstrap;

/**
 * Attributes of the OpenTelemetry conventions that are not about any one library: modules set
 * them, and the core reads them back when it maps spans to Zipkin's remote endpoint.
 */
public final class CommonAttributes {

  /** The remote service as Zipkin shows it (the node in its dependency graph). */
  public static final SpanAttribute PEER_SERVICE = SpanAttribute.string("peer.service");

  public static final SpanAttribute SERVER_ADDRESS = SpanAttribute.string("server.address");
  public static final SpanAttribute SERVER_PORT = SpanAttribute.longValue("server.port");
  public static final SpanAttribute ERROR_TYPE = SpanAttribute.string("error.type");

  private CommonAttributes() {}
}
