package io.warren.benchmarks.baseline;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import zipkin2.Annotation;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.reporter.BytesEncoder;
import zipkin2.reporter.Encoding;

/**
 * The baseline of ExportBenchmark: Warren's Zipkin encoder before issue 28, when
 * opentelemetry-exporter-zipkin converted each span to a {@code zipkin2.Span} and this wrote it
 * (moved here from agent/core unchanged, with the remote-endpoint rule of that time).
 *
 * <p>Writes a span as Zipkin's protobuf {@code ListOfSpans} with one entry (the sender concatenates
 * them), with the remote endpoint {@link RemoteEndpoints} gives it.
 *
 * <p>The bytes are those zipkin2's own PROTO3 encoder writes (the tests compare them), made for
 * less work on the export thread: an agent's spans repeat their endpoints and tag keys, so those
 * are encoded once and copied afterwards, and every other string is written straight into the
 * span's array, with no array of its own.
 */
public final class Proto3SpanEncoder implements BytesEncoder<Span> {

  // Field keys of zipkin.proto3: (field number << 3) | wire type.
  private static final int SPAN = 0x0a;
  private static final int TRACE_ID = 0x0a;
  private static final int PARENT_ID = 0x12;
  private static final int ID = 0x1a;
  private static final int KIND = 0x20;
  private static final int NAME = 0x2a;
  private static final int TIMESTAMP = 0x31;
  private static final int DURATION = 0x38;
  private static final int LOCAL_ENDPOINT = 0x42;
  private static final int REMOTE_ENDPOINT = 0x4a;
  private static final int ANNOTATION = 0x52;
  private static final int TAG = 0x5a;
  private static final int DEBUG = 0x60;
  private static final int SHARED = 0x68;
  private static final int ENDPOINT_SERVICE_NAME = 0x0a;
  private static final int ENDPOINT_IPV4 = 0x12;
  private static final int ENDPOINT_IPV6 = 0x1a;
  private static final int ENDPOINT_PORT = 0x20;
  private static final int ANNOTATION_TIMESTAMP = 0x09;
  private static final int ANNOTATION_VALUE = 0x12;
  private static final int ENTRY_KEY = 0x0a;
  private static final int ENTRY_VALUE = 0x12;

  /** Tag keys come from a small fixed set; the bound only guards against a misbehaving caller. */
  private static final int MAX_CACHED_KEYS = 256;

  private final ConcurrentMap<String, byte[]> tagKeys = new ConcurrentHashMap<String, byte[]>();
  private final EndpointCache localEndpoints = new EndpointCache();
  private final EndpointCache remoteEndpoints = new EndpointCache();

  @Override
  public Encoding encoding() {
    return Encoding.PROTO3;
  }

  @Override
  public int sizeInBytes(Span span) {
    return encode(span).length;
  }

  @Override
  public byte[] encode(Span span) {
    byte[] local = localEndpoints.encode(span.localEndpoint());
    byte[] remote = remoteEndpoints.encode(RemoteEndpoints.of(span));
    List<Annotation> annotations = span.annotations();
    Map<String, String> tags = span.tags();

    // Measured first, then written into an array of exactly that size: the strings go straight
    // into it, with no array of their own in between.
    int size = hexField(span.traceId()) + hexField(span.parentId()) + hexField(span.id());
    size += span.kind() != null ? 2 : 0;
    size += field(span.name());
    size += span.timestampAsLong() != 0 ? 9 : 0;
    size += span.durationAsLong() != 0 ? 1 + varintSize(span.durationAsLong()) : 0;
    size += field(local) + field(remote);
    for (int i = 0; i < annotations.size(); i++) {
      size += field(annotationSize(annotations.get(i)));
    }
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      size += field(tagSize(tagKey(tag.getKey()), tag.getValue()));
    }
    size += Boolean.TRUE.equals(span.debug()) ? 2 : 0;
    size += Boolean.TRUE.equals(span.shared()) ? 2 : 0;

    Writer out = new Writer(1 + varintSize(size) + size);
    out.key(SPAN).varint(size);
    out.hex(TRACE_ID, span.traceId()).hex(PARENT_ID, span.parentId()).hex(ID, span.id());
    if (span.kind() != null) {
      out.key(KIND).varint(span.kind().ordinal() + 1);
    }
    out.string(NAME, span.name());
    if (span.timestampAsLong() != 0) {
      out.key(TIMESTAMP).fixed64(span.timestampAsLong());
    }
    if (span.durationAsLong() != 0) {
      out.key(DURATION).varint(span.durationAsLong());
    }
    out.bytes(LOCAL_ENDPOINT, local).bytes(REMOTE_ENDPOINT, remote);
    for (int i = 0; i < annotations.size(); i++) {
      Annotation annotation = annotations.get(i);
      out.key(ANNOTATION).varint(annotationSize(annotation));
      if (annotation.timestamp() != 0) {
        out.key(ANNOTATION_TIMESTAMP).fixed64(annotation.timestamp());
      }
      out.string(ANNOTATION_VALUE, annotation.value());
    }
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      byte[] key = tagKey(tag.getKey());
      out.key(TAG).varint(tagSize(key, tag.getValue()));
      out.bytes(ENTRY_KEY, key).string(ENTRY_VALUE, tag.getValue());
    }
    if (Boolean.TRUE.equals(span.debug())) {
      out.key(DEBUG).varint(1);
    }
    if (Boolean.TRUE.equals(span.shared())) {
      out.key(SHARED).varint(1);
    }
    return out.bytes;
  }

  private byte[] tagKey(String key) {
    byte[] bytes = tagKeys.get(key);
    if (bytes == null) {
      bytes = utf8(key);
      if (tagKeys.size() < MAX_CACHED_KEYS) {
        tagKeys.put(key, bytes);
      }
    }
    return bytes;
  }

  private static int tagSize(byte[] key, String value) {
    return field(key) + field(value);
  }

  private static int annotationSize(Annotation annotation) {
    return (annotation.timestamp() != 0 ? 9 : 0) + field(annotation.value());
  }

  /** Size of a length-delimited field holding these bytes; 0 for null (absent). */
  private static int field(byte[] value) {
    return value == null ? 0 : field(value.length);
  }

  /** Size of a length-delimited field holding this string in UTF-8; 0 for null (absent). */
  private static int field(String value) {
    if (value == null) {
      return 0;
    }
    int ascii = asciiLength(value);
    return field(ascii >= 0 ? ascii : utf8(value).length);
  }

  /** The length of a string of ASCII characters only, its UTF-8 length; else -1. */
  private static int asciiLength(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) >= 0x80) {
        return -1;
      }
    }
    return value.length();
  }

  private static int field(int length) {
    return 1 + varintSize(length) + length;
  }

  private static int hexField(String hex) {
    return hex == null ? 0 : field(hex.length() / 2);
  }

  private static int varintSize(long value) {
    int size = 1;
    while ((value & ~0x7fL) != 0) {
      value >>>= 7;
      size++;
    }
    return size;
  }

  private static byte[] utf8(String value) {
    return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
  }

  /** An endpoint's encoded fields, kept for the last endpoint seen: it rarely changes. */
  private static final class EndpointCache {
    private volatile Encoded last = new Encoded(null, null);

    byte[] encode(Endpoint endpoint) {
      if (endpoint == null) {
        return null;
      }
      Encoded cached = last;
      if (endpoint.equals(cached.endpoint)) {
        return cached.bytes;
      }
      byte[] serviceName = utf8(endpoint.serviceName());
      byte[] ipv4 = endpoint.ipv4Bytes();
      byte[] ipv6 = endpoint.ipv6Bytes();
      int port = endpoint.portAsInt();
      Writer out =
          new Writer(
              field(serviceName) + field(ipv4) + field(ipv6)
                  + (port != 0 ? 1 + varintSize(port) : 0));
      out.bytes(ENDPOINT_SERVICE_NAME, serviceName)
          .bytes(ENDPOINT_IPV4, ipv4)
          .bytes(ENDPOINT_IPV6, ipv6);
      if (port != 0) {
        out.key(ENDPOINT_PORT).varint(port);
      }
      last = new Encoded(endpoint, out.bytes);
      return out.bytes;
    }
  }

  private static final class Encoded {
    final Endpoint endpoint;
    final byte[] bytes;

    Encoded(Endpoint endpoint, byte[] bytes) {
      this.endpoint = endpoint;
      this.bytes = bytes;
    }
  }

  /** Writes into an array sized exactly beforehand. */
  private static final class Writer {
    final byte[] bytes;
    private int position;

    Writer(int size) {
      bytes = new byte[size];
    }

    Writer key(int key) {
      bytes[position++] = (byte) key;
      return this;
    }

    Writer varint(long value) {
      while ((value & ~0x7fL) != 0) {
        bytes[position++] = (byte) ((value & 0x7f) | 0x80);
        value >>>= 7;
      }
      bytes[position++] = (byte) value;
      return this;
    }

    Writer fixed64(long value) {
      for (int i = 0; i < 8; i++) {
        bytes[position++] = (byte) (value >>> (8 * i));
      }
      return this;
    }

    /** A string as a length-delimited UTF-8 field; nothing when it is absent. */
    Writer string(int key, String value) {
      if (value == null) {
        return this;
      }
      int ascii = asciiLength(value);
      if (ascii < 0) {
        return bytes(key, utf8(value)); // rare: measured and converted once more
      }
      key(key).varint(ascii);
      for (int i = 0; i < ascii; i++) {
        bytes[position++] = (byte) value.charAt(i);
      }
      return this;
    }

    /** A length-delimited field; nothing when the value is absent. */
    Writer bytes(int key, byte[] value) {
      if (value != null) {
        key(key).varint(value.length);
        System.arraycopy(value, 0, bytes, position, value.length);
        position += value.length;
      }
      return this;
    }

    Writer hex(int key, String hex) {
      if (hex != null) {
        key(key).varint(hex.length() / 2);
        for (int i = 0; i < hex.length(); i += 2) {
          bytes[position++] = (byte) (Character.digit(hex.charAt(i), 16) << 4
              | Character.digit(hex.charAt(i + 1), 16));
        }
      }
      return this;
    }
  }

  /**
   * The remote endpoint Zipkin gets for a span. The OpenTelemetry transformer sets one for PRODUCER
   * spans only; CONSUMER spans get the broker here, from the {@code peer.service},
   * {@code server.address} and {@code server.port} tags their module set. Without it, Zipkin's
   * dependency graph would draw producer → consumer and never broker → consumer.
   */
  static final class RemoteEndpoints {

    /** The last endpoint built and the tags it came from: most applications use one broker. */
    private static volatile Built last = new Built(null, null, null, null);

    private RemoteEndpoints() {}

    static Endpoint of(Span span) {
      if (span.kind() != Span.Kind.CONSUMER || span.remoteEndpoint() != null) {
        return span.remoteEndpoint();
      }
      String peer = span.tags().get("peer.service");
      if (peer == null) {
        return null;
      }
      String address = span.tags().get("server.address");
      String port = span.tags().get("server.port");
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
}
