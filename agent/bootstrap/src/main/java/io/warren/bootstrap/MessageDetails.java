package io.warren.bootstrap;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * What advice learned about one message, as plain JDK values. Advice fills it from the
 * client's own types; the tracing core turns it into span names and attributes.
 */
public final class MessageDetails {

  private final String exchange;
  private final String routingKey;
  private final Map<String, Object> headers;
  private final long bodySize;
  private String queue;
  private String messageId;
  private String correlationId;
  private long deliveryTag = -1;
  private boolean redelivered;
  private InetAddress serverAddress;
  private int serverPort = -1;

  /**
   * @param headers for a publish, a map the caller owns and the tracer may add to; for a
   *     delivery, the headers as received (may be null)
   * @param bodySize body length in bytes, or -1 if unknown
   */
  public MessageDetails(String exchange, String routingKey, Map<String, Object> headers, long bodySize) {
    this.exchange = exchange == null ? "" : exchange;
    this.routingKey = routingKey == null ? "" : routingKey;
    this.headers = headers;
    this.bodySize = bodySize;
  }

  /** The size of a body as the client takes it: byte[] or (since 5.30) ByteBuffer; -1 otherwise. */
  public static long bodySizeOf(Object body) {
    if (body instanceof byte[]) {
      return ((byte[]) body).length;
    }
    if (body instanceof ByteBuffer) {
      return ((ByteBuffer) body).remaining();
    }
    return -1;
  }

  public MessageDetails withProperties(String messageId, String correlationId) {
    this.messageId = messageId;
    this.correlationId = correlationId;
    return this;
  }

  public MessageDetails withDelivery(long deliveryTag, boolean redelivered) {
    this.deliveryTag = deliveryTag;
    this.redelivered = redelivered;
    return this;
  }

  public MessageDetails withQueue(String queue) {
    this.queue = queue;
    return this;
  }

  public MessageDetails withServer(InetAddress address, int port) {
    this.serverAddress = address;
    this.serverPort = port;
    return this;
  }

  public String exchange() {
    return exchange;
  }

  public String routingKey() {
    return routingKey;
  }

  public Map<String, Object> headers() {
    return headers;
  }

  public long bodySize() {
    return bodySize;
  }

  public String queue() {
    return queue;
  }

  public String messageId() {
    return messageId;
  }

  public String correlationId() {
    return correlationId;
  }

  public long deliveryTag() {
    return deliveryTag;
  }

  public boolean redelivered() {
    return redelivered;
  }

  public InetAddress serverAddress() {
    return serverAddress;
  }

  public int serverPort() {
    return serverPort;
  }
}
