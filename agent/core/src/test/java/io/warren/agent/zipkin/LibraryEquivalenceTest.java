package io.warren.agent.zipkin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfoBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/**
 * The acceptance of Warren's Zipkin exporter: over random spans of every shape, its bytes decode
 * (with zipkin2's own protobuf decoder) to exactly the spans opentelemetry-exporter-zipkin's
 * conversion and Warren's previous remote-endpoint rule made. The seed is printed; run again with
 * {@code -Dwarren.equivalence.seed=N} to repeat a failure.
 */
class LibraryEquivalenceTest {

  private static final int BATCHES = 20;
  private static final int BATCH = 100;

  private static final String[] NAMES = {
    "publish orders", "process amq.default:task_queue", "GET /Orders", "", "ÜBER späť", "x"
  };
  private static final String[] WORDS = {"", "a", "orders", "Order-Created", "é ü", "日本", "😀", "q\"uote"};
  private static final String[] ADDRESSES = {
    "127.0.0.1", "10.0.0.7", "broker.internal", "::1", "2001:db8::5", "fe80::1", "localhost", "256.1.1.1", "1.2.3",
    "::ffff:10.0.0.1", "::1.2.3.4", "2001:DB8::A", "fe80::1%lo", "[::1]", "01.2.3.4", "::"
  };

  /** None (a host without a site-local address), IPv4, IPv6. */
  private static final InetAddress[] LOCAL_IPS = {null, address("10.1.2.3"), address("fec0::7")};

  @Test
  void warrensBytesDecodeToTheLibrarysSpans() throws Exception {
    String configured = System.getProperty("warren.equivalence.seed");
    long seed = configured != null ? Long.parseLong(configured) : new Random().nextLong();
    System.out.println("LibraryEquivalenceTest seed: " + seed + " (-Dwarren.equivalence.seed=" + seed + ")");
    Random random = new Random(seed);
    Proto3Buffer buffer = new Proto3Buffer(16);

    for (int b = 0; b < BATCHES; b++) {
      InetAddress localIp = LOCAL_IPS[b % LOCAL_IPS.length];
      SpanDataProto3Encoder encoder = new SpanDataProto3Encoder(localIp);
      List<SpanData> batch = new ArrayList<>();
      for (int i = 0; i < BATCH; i++) {
        batch.add(randomSpan(random));
      }
      buffer.reset();
      for (SpanData span : batch) {
        encoder.write(span, buffer);
      }

      List<Span> expected = LibraryConversion.convert(batch, localIp);
      List<Span> actual = SpanBytesDecoder.PROTO3.decodeList(buffer.toByteArray());

      assertEquals(expected.size(), actual.size(), "seed " + seed);
      for (int i = 0; i < expected.size(); i++) {
        assertEquals(expected.get(i), actual.get(i), "seed " + seed + ", span " + i + " of batch " + b);
      }
    }
  }

  private static SpanData randomSpan(Random random) {
    SpanKind kind = SpanKind.values()[random.nextInt(SpanKind.values().length)];
    long start = 1_700_000_000_000_000_000L + random.nextInt(1_000_000_000);
    long end = start + (random.nextInt(4) == 0 ? random.nextInt(1000) : random.nextInt(50_000_000));
    int attributeCount = random.nextInt(8);
    Attributes attributes = randomAttributes(random, attributeCount, kind);
    List<EventData> events = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      Attributes eventAttributes = randomAttributes(random, random.nextInt(4), SpanKind.INTERNAL);
      events.add(EventData.create(start + random.nextInt(1_000_000_000), pick(random, WORDS),
          eventAttributes, eventAttributes.size() + (random.nextInt(5) == 0 ? 2 : 0)));
    }
    return TestSpanData.builder()
        .setSpanContext(SpanContext.create(traceId(random), spanId(random), TraceFlags.getSampled(),
            TraceState.getDefault()))
        .setParentSpanContext(random.nextBoolean()
            ? SpanContext.create(traceId(random), spanId(random), TraceFlags.getSampled(),
                TraceState.getDefault())
            : SpanContext.getInvalid())
        .setResource(randomResource(random))
        .setInstrumentationScopeInfo(randomScope(random))
        .setName(pick(random, NAMES))
        .setKind(kind)
        .setStartEpochNanos(start)
        .setEndEpochNanos(end)
        .setAttributes(attributes)
        .setTotalAttributeCount(attributes.size() + (random.nextInt(5) == 0 ? 3 : 0))
        .setEvents(events)
        .setTotalRecordedEvents(events.size() + (random.nextInt(5) == 0 ? 1 : 0))
        .setStatus(randomStatus(random))
        .setHasEnded(true)
        .build();
  }

  /** Every attribute type, arrays, and the attributes the remote endpoint comes from. */
  private static Attributes randomAttributes(Random random, int count, SpanKind kind) {
    AttributesBuilder attributes = Attributes.builder();
    for (int i = 0; i < count; i++) {
      String key = "k" + random.nextInt(6) + (random.nextBoolean() ? ".Ünï" : "");
      switch (random.nextInt(10)) {
        case 0:
          attributes.put(AttributeKey.stringKey(key), pick(random, WORDS));
          break;
        case 1:
          attributes.put(AttributeKey.booleanKey(key), random.nextBoolean());
          break;
        case 2:
          attributes.put(AttributeKey.longKey(key), random.nextBoolean() ? random.nextLong() : random.nextInt(100) - 50);
          break;
        case 3:
          attributes.put(AttributeKey.doubleKey(key), random.nextBoolean() ? random.nextDouble() * 1e6 : random.nextInt(9) / 4.0);
          break;
        case 4:
          attributes.put(AttributeKey.stringArrayKey(key), Arrays.asList(pick(random, WORDS), pick(random, WORDS)));
          break;
        case 5:
          attributes.put(AttributeKey.booleanArrayKey(key), Arrays.asList(random.nextBoolean(), true));
          break;
        case 6:
          attributes.put(AttributeKey.longArrayKey(key), Arrays.asList(random.nextLong(), -3L));
          break;
        case 7:
          attributes.put(AttributeKey.doubleArrayKey(key), Arrays.asList(random.nextDouble(), 1e21));
          break;
        case 8:
          attributes.put(AttributeKey.valueKey(key), randomValue(random));
          break;
        default:
          attributes.put(AttributeKey.stringArrayKey(key), new ArrayList<String>());
      }
    }
    if (random.nextInt(3) == 0) {
      attributes.put("error", random.nextBoolean() ? "boom" : "");
    } else if (random.nextInt(10) == 0) {
      attributes.put(AttributeKey.booleanKey("error"), true);
    }
    if (random.nextInt(10) == 0) {
      attributes.put("otel.status_code", "mine"); // a tag the library overwrites
    }
    if (kind != SpanKind.INTERNAL && random.nextInt(4) != 0) {
      if (random.nextInt(5) != 0) {
        attributes.put("peer.service", random.nextBoolean() ? "broker" : "Broker-" + random.nextInt(3));
      }
      if (random.nextBoolean()) {
        attributes.put("server.address", pick(random, ADDRESSES));
      }
      if (random.nextBoolean()) {
        attributes.put("server.port", (long) (1 + random.nextInt(65535)));
      }
      if (random.nextBoolean()) {
        attributes.put("server.socket.address", pick(random, ADDRESSES));
      }
      if (random.nextBoolean()) {
        attributes.put("server.socket.port", (long) (1 + random.nextInt(65535)));
      }
    }
    return attributes.build();
  }

  private static Value<?> randomValue(Random random) {
    switch (random.nextInt(6)) {
      case 0:
        return Value.of(pick(random, WORDS));
      case 1:
        return Value.of(random.nextLong());
      case 2:
        return Value.of(new byte[] {1, 2, (byte) random.nextInt()});
      case 3:
        return Value.empty();
      case 4:
        return Value.of(Value.of("a"), Value.of(random.nextBoolean()));
      default:
        return Value.of(random.nextDouble());
    }
  }

  private static Resource randomResource(Random random) {
    AttributesBuilder attributes = Attributes.builder();
    if (random.nextInt(4) != 0) {
      attributes.put("service.name", random.nextBoolean() ? "orders" : "Billing-" + random.nextInt(3));
    }
    if (random.nextBoolean()) {
      attributes.put("deployment.environment", "prod");
      attributes.put("host.name", pick(random, WORDS));
    }
    return Resource.create(attributes.build());
  }

  private static InstrumentationScopeInfo randomScope(Random random) {
    InstrumentationScopeInfoBuilder scope =
        InstrumentationScopeInfo.builder(random.nextInt(4) == 0 ? "" : "io.warren");
    if (random.nextBoolean()) {
      scope.setVersion(random.nextBoolean() ? "0.1.0" : "");
    }
    return scope.build();
  }

  private static StatusData randomStatus(Random random) {
    switch (random.nextInt(5)) {
      case 0:
        return StatusData.unset();
      case 1:
        return StatusData.ok();
      case 2:
        return StatusData.error();
      case 3:
        return StatusData.create(StatusCode.ERROR, pick(random, WORDS));
      default:
        return StatusData.create(StatusCode.OK, "ignored");
    }
  }

  /** Random ids; a quarter of the trace ids 64-bit ones (upper half zero), as B3 carries them. */
  private static String traceId(Random random) {
    String low = hex(random, 16);
    return (random.nextInt(4) == 0 ? "0000000000000000" : hex(random, 16)) + low;
  }

  private static String spanId(Random random) {
    return hex(random, 16);
  }

  private static String hex(Random random, int digits) {
    StringBuilder hex = new StringBuilder();
    while (hex.length() < digits) {
      hex.append(Character.forDigit(random.nextInt(16), 16));
    }
    String id = hex.toString();
    return id.matches("0+") ? hex(random, digits) : id;
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
