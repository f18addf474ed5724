package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.LongStringHelper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generator of message properties and bodies for the header fuzz test: every AMQP
 * field-table value type the Java client writes, null properties and headers, immutable maps, and
 * trace-context headers that are malformed, truncated, oversized, of the wrong type or repeated in
 * another letter case. The same seed gives the same messages. Header tables stay well under the
 * broker's default 128 KiB frame (a content header cannot span frames); big payloads go in bodies.
 */
final class HeaderFuzz {
  private static final String VALID_TRACEPARENT =
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  private static final String KEY_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.";
  private static final String[] CONTEXT_NAMES = {
      "traceparent", "TraceParent", "TRACEPARENT", "tracestate", "Tracestate", "baggage",
      "Baggage", "b3", "B3", "X-B3-TraceId", "x-b3-traceid", "X-B3-SpanId", "x-b3-spanid",
      "X-B3-ParentSpanId", "X-B3-Sampled", "x-b3-sampled", "X-B3-Flags"};

  private final Random random;

  HeaderFuzz(long seed) {
    this.random = new Random(seed);
  }

  /** Properties for message {@code id}: sometimes null, or with null headers. */
  AMQP.BasicProperties properties(String id) {
    int shape = random.nextInt(100);
    if (shape < 3) {
      return null;
    }
    AMQP.BasicProperties.Builder builder = new AMQP.BasicProperties.Builder().messageId(id);
    if (shape < 8) {
      return builder.build(); // null headers
    }
    Map<String, Object> headers = new HashMap<>();
    int userHeaders = random.nextInt(8);
    for (int i = 0; i < userHeaders; i++) {
      headers.put(key(), value(2));
    }
    int contextHeaders = random.nextInt(4);
    for (int i = 0; i < contextHeaders; i++) {
      headers.put(CONTEXT_NAMES[random.nextInt(CONTEXT_NAMES.length)], contextValue());
    }
    if (random.nextInt(100) < 3) { // the same context header twice, in two letter cases
      headers.put("X-B3-TraceId", hex(32));
      headers.put("x-b3-traceid", hex(16));
      headers.put("traceparent", VALID_TRACEPARENT);
      headers.put("TRACEPARENT", "00-" + hex(32) + "-" + hex(16) + "-00");
    }
    if (random.nextInt(100) < 2) {
      addBig(headers);
    }
    if (random.nextBoolean() && !headers.containsValue(null)) {
      return builder.headers(Map.copyOf(headers)).build();
    }
    return builder.headers(random.nextBoolean() ? Collections.unmodifiableMap(headers) : headers)
        .build();
  }

  /** Mostly small random bodies, some empty, a few of about 1 MB. */
  byte[] body() {
    int shape = random.nextInt(2000);
    int size = shape == 0 ? 1_000_000 + random.nextInt(50_000)
        : shape < 40 ? 0 : random.nextInt(300);
    byte[] body = new byte[size];
    random.nextBytes(body);
    return body;
  }

  /** One oversized value, keeping the whole table under about 100 KiB. */
  private void addBig(Map<String, Object> headers) {
    switch (random.nextInt(4)) {
      case 0 -> headers.put("baggage", "k=" + "v".repeat(64 * 1024));
      case 1 -> headers.put("traceparent", VALID_TRACEPARENT + "-" + "f".repeat(9000));
      case 2 -> headers.put("big-bytes", randomBytes(90_000));
      default -> headers.put("big-text", LongStringHelper.asLongString("é".repeat(45_000)));
    }
  }

  private Object contextValue() {
    return switch (random.nextInt(22)) {
      case 0 -> VALID_TRACEPARENT;
      case 1 -> "garbage";
      case 2 -> "00-";
      case 3 -> VALID_TRACEPARENT.substring(0, random.nextInt(VALID_TRACEPARENT.length()));
      case 4 -> "00-00000000000000000000000000000000-0000000000000000-01";
      case 5 -> VALID_TRACEPARENT.toUpperCase();
      case 6 -> "ff-" + hex(32) + "-" + hex(16) + "-01";
      case 7 -> VALID_TRACEPARENT + "-extra";
      case 8 -> VALID_TRACEPARENT.getBytes(StandardCharsets.UTF_8);
      case 9 -> LongStringHelper.asLongString(VALID_TRACEPARENT);
      case 10 -> random.nextInt();
      case 11 -> Map.of("traceparent", VALID_TRACEPARENT);
      case 12 -> List.of(VALID_TRACEPARENT, 7);
      case 13 -> null;
      case 14 -> "";
      case 15 -> " " + VALID_TRACEPARENT + " ";
      case 16 -> hex(32) + "-" + hex(16) + "-1-" + hex(16); // b3 single
      case 17 -> "1-2-3-4-5";
      case 18 -> "a=b,,=c," + "x".repeat(random.nextInt(600));
      case 19 -> "k=v;;;%%%=%zz,=,";
      case 20 -> new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF};
      default -> new Date(1_700_000_000_000L);
    };
  }

  private String key() {
    int length = 1 + random.nextInt(20);
    StringBuilder key = new StringBuilder("u-");
    for (int i = 0; i < length; i++) {
      key.append(KEY_CHARS.charAt(random.nextInt(KEY_CHARS.length())));
    }
    return key.toString();
  }

  /** A value of any type the client accepts in a field table; depth bounds nesting. */
  private Object value(int depth) {
    int kinds = depth > 0 ? 16 : 14;
    return switch (random.nextInt(kinds)) {
      case 0 -> text();
      case 1 -> LongStringHelper.asLongString(text());
      case 2 -> randomBytes(random.nextInt(64));
      case 3 -> random.nextInt();
      case 4 -> random.nextLong();
      case 5 -> (short) random.nextInt();
      case 6 -> (byte) random.nextInt();
      // Finite only: RabbitMQ closes the connection on NaN or infinite floats, agent or not.
      case 7 -> random.nextDouble() * 1e6 - 5e5;
      case 8 -> random.nextFloat() * 1000f - 500f;
      case 9 -> BigDecimal.valueOf(random.nextInt(), random.nextInt(10));
      case 10 -> new Date((1_600_000_000L + random.nextInt(200_000_000)) * 1000L);
      case 11 -> random.nextBoolean();
      case 12 -> null;
      case 13 -> "";
      case 14 -> table(depth - 1);
      default -> list(depth - 1);
    };
  }

  private Map<String, Object> table(int depth) {
    Map<String, Object> table = new LinkedHashMap<>();
    int size = random.nextInt(4);
    for (int i = 0; i < size; i++) {
      table.put(key(), value(depth));
    }
    return table;
  }

  private List<Object> list(int depth) {
    List<Object> list = new ArrayList<>();
    int size = random.nextInt(4);
    for (int i = 0; i < size; i++) {
      list.add(value(depth));
    }
    return list;
  }

  private String text() {
    String[] samples = {"plain", "café ☕", "😀 emoji", "tab\tnew\nline", "a=b c", "日本語",
        "\u0000nul", "x".repeat(300)};
    return samples[random.nextInt(samples.length)] + random.nextInt(1000);
  }

  private String hex(int digits) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < digits; i++) {
      hex.append(Character.forDigit(random.nextInt(16), 16));
    }
    return hex.toString();
  }

  private byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }
}
