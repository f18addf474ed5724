package io.warren.agent.zipkin;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.common.ValueType;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Writes the SDK's spans as Zipkin's protobuf {@code ListOfSpans} (zipkin.proto3), straight from
 * {@link SpanData}: no {@code zipkin2.Span} in between. What a span becomes is what
 * opentelemetry-exporter-zipkin 1.63.0 made of it (its {@code OtelToZipkinSpanTransformer}, the
 * reference the tests compare with), with the remote endpoint {@link RemoteEndpoints} decides:
 * kind (INTERNAL has none), ids, timestamp and duration in µs, the local endpoint from the
 * resource's {@code service.name} and the host's site-local IP, every attribute as a tag (arrays
 * comma-separated), the dropped counts, the status as {@code otel.status_code} and {@code error},
 * the scope's name and version, and events as annotations holding their attributes as JSON.
 *
 * <p>Endpoints and tag keys repeat from span to span, so they are encoded once and copied;
 * strings and numbers are written into the buffer directly. Tags are written in the order the
 * library put them in its map, so that where two have the same key the same one wins.
 *
 * <p>One thread at a time (the exporter's): it reuses one attribute visitor. Public only for the
 * benchmarks module, which measures it.
 */
public final class SpanDataProto3Encoder {

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
  private static final int ANNOTATION_TIMESTAMP = 0x09;
  private static final int ANNOTATION_VALUE = 0x12;
  private static final int ENTRY_KEY = 0x0a;
  private static final int ENTRY_VALUE = 0x12;

  // zipkin.proto3's Span.Kind
  private static final int CLIENT = 1;
  private static final int SERVER = 2;
  private static final int PRODUCER = 3;
  private static final int CONSUMER = 4;

  // The tags the library adds to the span's attributes.
  private static final String DROPPED_ATTRIBUTES_COUNT = "otel.dropped_attributes_count";
  private static final String DROPPED_EVENTS_COUNT = "otel.dropped_events_count";
  private static final String STATUS_CODE = "otel.status_code";
  private static final AttributeKey<String> ERROR = AttributeKey.stringKey("error");
  private static final String SCOPE_NAME = "otel.scope.name";
  private static final String LIBRARY_NAME = "otel.library.name";
  private static final String SCOPE_VERSION = "otel.scope.version";
  private static final String LIBRARY_VERSION = "otel.library.version";
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  /** A span's length takes 2 bytes up to 16 KB: reserved before it is written. */
  private static final int SPAN_LENGTH_BYTES = 2;
  /** Tag keys come from a small fixed set; the bound only guards against a misbehaving caller. */
  private static final int MAX_CACHED_KEYS = 256;

  private final ConcurrentMap<String, byte[]> tagKeys = new ConcurrentHashMap<String, byte[]>();
  private final LocalEndpoint localEndpoint;
  private final TagWriter tagWriter = new TagWriter();

  public SpanDataProto3Encoder() {
    this(LocalIp.ADDRESS);
  }

  /** {@code localIp}: the IP of every span's local endpoint, or null for none. */
  SpanDataProto3Encoder(InetAddress localIp) {
    localEndpoint = new LocalEndpoint(localIp);
  }

  /** Appends {@code span} to {@code out} as one entry of a {@code ListOfSpans}. */
  public void write(SpanData span, Proto3Buffer out) {
    int start = out.begin(SPAN, SPAN_LENGTH_BYTES);
    String traceId = span.getTraceId();
    // Zipkin writes a trace id whose upper 64 bits are zero as a 64-bit one.
    out.hex(TRACE_ID, traceId, traceId.startsWith("0000000000000000") ? 16 : 0);
    if (span.getParentSpanContext().isValid()) {
      out.hex(PARENT_ID, span.getParentSpanId(), 0);
    }
    out.hex(ID, span.getSpanId(), 0);
    int kind = kind(span);
    if (kind != 0) {
      out.key(KIND).varint(kind);
    }
    String name = span.getName();
    if (!name.isEmpty()) {
      out.string(NAME, name.toLowerCase(Locale.ROOT)); // the same string when already lower case
    }
    long timestamp = micros(span.getStartEpochNanos());
    if (timestamp != 0) {
      out.key(TIMESTAMP).fixed64(timestamp);
    }
    out.key(DURATION).varint(Math.max(1, micros(span.getEndEpochNanos()) - timestamp));
    endpoint(out, LOCAL_ENDPOINT, localEndpoint.of(span.getResource()));
    endpoint(out, REMOTE_ENDPOINT, RemoteEndpoints.of(span));
    List<EventData> events = span.getEvents();
    for (int i = 0; i < events.size(); i++) {
      annotation(out, events.get(i));
    }
    tags(span, out);
    out.end(start, SPAN_LENGTH_BYTES);
  }

  private void tags(SpanData span, Proto3Buffer out) {
    Attributes attributes = span.getAttributes();
    tagWriter.out = out;
    try {
      attributes.forEach(tagWriter);
    } finally {
      tagWriter.out = null;
    }
    int droppedAttributes = span.getTotalAttributeCount() - attributes.size();
    if (droppedAttributes > 0) {
      tag(out, DROPPED_ATTRIBUTES_COUNT, AttributeType.LONG, (long) droppedAttributes);
    }
    StatusData status = span.getStatus();
    if (status.getStatusCode() != StatusCode.UNSET) {
      tag(out, STATUS_CODE, AttributeType.STRING, status.getStatusCode().name());
      if (status.getStatusCode() == StatusCode.ERROR && attributes.get(ERROR) == null) {
        String description = status.getDescription();
        tag(out, ERROR.getKey(), AttributeType.STRING, description == null ? "" : description);
      }
    }
    InstrumentationScopeInfo scope = span.getInstrumentationScopeInfo();
    if (!scope.getName().isEmpty()) {
      tag(out, SCOPE_NAME, AttributeType.STRING, scope.getName());
      tag(out, LIBRARY_NAME, AttributeType.STRING, scope.getName());
    }
    if (scope.getVersion() != null) {
      tag(out, SCOPE_VERSION, AttributeType.STRING, scope.getVersion());
      tag(out, LIBRARY_VERSION, AttributeType.STRING, scope.getVersion());
    }
    int droppedEvents = span.getTotalRecordedEvents() - span.getEvents().size();
    if (droppedEvents > 0) {
      tag(out, DROPPED_EVENTS_COUNT, AttributeType.LONG, (long) droppedEvents);
    }
  }

  /** A tag: its value as the library's {@code valueToString} wrote it (arrays comma-separated). */
  private void tag(Proto3Buffer out, String key, AttributeType type, Object value) {
    int entry = out.begin(TAG, 1);
    out.bytes(ENTRY_KEY, tagKey(key));
    int start = out.begin(ENTRY_VALUE, 1);
    if (type == AttributeType.VALUE) {
      out.utf8(((Value<?>) value).asString());
    } else if (value instanceof List) {
      List<?> values = (List<?>) value;
      int valueStart = out.size();
      for (int i = 0; i < values.size(); i++) {
        if (out.size() > valueStart) {
          out.utf8(","); // as the library: no comma while all before were empty strings
        }
        scalar(out, values.get(i));
      }
    } else {
      scalar(out, value);
    }
    out.end(start, 1);
    out.end(entry, 1);
  }

  private byte[] tagKey(String key) {
    byte[] bytes = tagKeys.get(key);
    if (bytes == null) {
      bytes = key.getBytes(StandardCharsets.UTF_8);
      if (tagKeys.size() < MAX_CACHED_KEYS) {
        tagKeys.put(key, bytes);
      }
    }
    return bytes;
  }

  private static void endpoint(Proto3Buffer out, int key, ZipkinEndpoint endpoint) {
    if (endpoint != null && endpoint.encoded.length > 0) {
      out.bytes(key, endpoint.encoded);
    }
  }

  /** An event as the library writes it: {@code "name":{"key":value,...}}. */
  private static void annotation(Proto3Buffer out, EventData event) {
    int start = out.begin(ANNOTATION, 1);
    long timestamp = micros(event.getEpochNanos());
    if (timestamp != 0) {
      out.key(ANNOTATION_TIMESTAMP).fixed64(timestamp);
    }
    int value = out.begin(ANNOTATION_VALUE, 1);
    out.utf8("\"").utf8(event.getName()).utf8("\":{");
    boolean first = true;
    for (Map.Entry<AttributeKey<?>, Object> attribute : event.getAttributes().asMap().entrySet()) {
      if (!first) {
        out.utf8(",");
      }
      first = false;
      out.utf8("\"").utf8(attribute.getKey().getKey()).utf8("\":");
      jsonValue(out, attribute.getValue());
    }
    out.utf8("}");
    out.end(value, 1);
    out.end(start, 1);
  }

  private static void jsonValue(Proto3Buffer out, Object value) {
    if (value instanceof String) {
      out.utf8("\"").utf8((String) value).utf8("\"");
    } else if (value instanceof List) {
      out.utf8("[");
      List<?> values = (List<?>) value;
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          out.utf8(",");
        }
        jsonValue(out, values.get(i));
      }
      out.utf8("]");
    } else if (value instanceof Value) {
      Value<?> any = (Value<?>) value;
      ValueType type = any.getType();
      if (type == ValueType.STRING || type == ValueType.BYTES) {
        out.utf8("\"").utf8(any.asString()).utf8("\"");
      } else if (type == ValueType.EMPTY) {
        out.utf8("null");
      } else {
        out.utf8(any.asString());
      }
    } else {
      scalar(out, value);
    }
  }

  /** A string, boolean, long or double as {@code String.valueOf} writes it. */
  private static void scalar(Proto3Buffer out, Object value) {
    if (value instanceof Long) {
      out.decimal((Long) value);
    } else if (value instanceof Boolean) {
      out.utf8((Boolean) value ? "true" : "false");
    } else if (value instanceof String) {
      out.utf8((String) value);
    } else {
      out.utf8(String.valueOf(value));
    }
  }

  private static int kind(SpanData span) {
    switch (span.getKind()) {
      case SERVER:
        return SERVER;
      case CLIENT:
        return CLIENT;
      case PRODUCER:
        return PRODUCER;
      case CONSUMER:
        return CONSUMER;
      default:
        return 0; // INTERNAL: Zipkin has no kind for it
    }
  }

  private static long micros(long epochNanos) {
    return TimeUnit.NANOSECONDS.toMicros(epochNanos);
  }

  /** The local endpoint of the last resource seen: an agent has one. */
  private static final class LocalEndpoint {
    private final InetAddress ip;
    private volatile Cached last = new Cached(null, null);

    LocalEndpoint(InetAddress ip) {
      this.ip = ip;
    }

    ZipkinEndpoint of(Resource resource) {
      Cached cached = last;
      if (resource != cached.resource) {
        String serviceName = resource.getAttribute(SERVICE_NAME);
        if (serviceName == null) {
          serviceName = Resource.getDefault().getAttribute(SERVICE_NAME);
        }
        cached = new Cached(resource, ZipkinEndpoint.of(serviceName, ip, 0));
        last = cached;
      }
      return cached.endpoint;
    }
  }

  private static final class Cached {
    final Resource resource;
    final ZipkinEndpoint endpoint;

    Cached(Resource resource, ZipkinEndpoint endpoint) {
      this.resource = resource;
      this.endpoint = endpoint;
    }
  }

  /** Writes each attribute as a tag; one, reused, so that a span costs no lambda. */
  private final class TagWriter implements BiConsumer<AttributeKey<?>, Object> {
    Proto3Buffer out;

    @Override
    public void accept(AttributeKey<?> key, Object value) {
      tag(out, key.getKey(), key.getType(), value);
    }
  }
}
