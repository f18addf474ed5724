package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.warren.smoketest.apps.Wire;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Assertions shared by the smoke tests. */
final class Expect {
  private Expect() {}

  /**
   * Header names Warren adds: trace context (any of the propagators Warren accepts) and the
   * publish time it measures queue time with.
   */
  static final Set<String> PROPAGATION_HEADERS = Set.of(
      "traceparent", "tracestate", "baggage", "b3",
      "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags",
      "ot-tracer-traceid", "ot-tracer-spanid", "ot-tracer-sampled",
      "x-warren-published-at");

  static boolean isPropagationHeader(String name) {
    return PROPAGATION_HEADERS.contains(name.toLowerCase(Locale.ROOT));
  }

  static AgentJvm.Result exitedNormally(AgentJvm.Result result) {
    assertEquals(0, result.exitCode(), result::describe);
    return result;
  }

  static List<Wire.Message> sent(AgentJvm.Result producer) {
    return producer.linesStartingWith("SENT").stream().map(Wire::parse).toList();
  }

  static List<Wire.Message> received(AgentJvm.Result consumer) {
    return consumer.linesStartingWith("RECEIVED").stream().map(Wire::parse).toList();
  }

  /**
   * Every message the producer printed as sent was received exactly once with the same message
   * id, the same body bytes and the same user headers (same names, types and bytes); the only
   * headers added on the way are trace-context headers.
   */
  static void deliveredUnchanged(List<Wire.Message> sent, List<Wire.Message> received) {
    assertFalse(sent.isEmpty(), "the producer printed no SENT lines");
    List<String> expected = sent.stream()
        .map(m -> m.withoutHeaders(Expect::isPropagationHeader))
        .map(Object::toString).sorted().toList();
    List<String> actual = received.stream()
        .map(m -> m.withoutHeaders(Expect::isPropagationHeader))
        .map(Object::toString).sorted().toList();
    assertEquals(expected, actual, "messages as sent vs. as received (trace headers removed)");
  }

  /** The message received with {@code messageId}. */
  static Wire.Message receivedMessage(List<Wire.Message> received, String messageId) {
    return received.stream().filter(m -> messageId.equals(m.messageId())).findFirst()
        .orElseThrow(() -> new AssertionError("no message " + messageId + " in " + received));
  }

  /** The value of a received header given by its (case-insensitive) name, decoded if a string. */
  static String headerText(Wire.Message message, String name) {
    for (Map.Entry<String, String> header : message.headers().entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        String value = header.getValue();
        assertTrue(value.startsWith("str:"), "header " + name + " is not a string: " + value);
        return new String(java.util.Base64.getDecoder().decode(value.substring(4)),
            java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /**
   * A W3C {@code traceparent} value names {@code span} as the parent and is sampled:
   * {@code 00-<trace id>-<span id>-<flags>} with the sampled bit (0x01) set in the flags.
   */
  static void traceparentNames(ZipkinSpan span, String traceparent) {
    assertNotNull(traceparent, "no traceparent header received");
    String prefix = "00-" + span.traceId() + "-" + span.id() + "-";
    assertTrue(traceparent.startsWith(prefix) && traceparent.length() == prefix.length() + 2,
        () -> "traceparent " + traceparent + " should be " + prefix + "<flags>");
    int flags = Integer.parseInt(traceparent.substring(prefix.length()), 16);
    assertEquals(1, flags & 1, () -> "sampled flag in " + traceparent);
  }

  /** Spans keyed by their {@code messaging.message.id} tag; fails on a span without one or twice. */
  static Map<String, ZipkinSpan> byMessageId(List<ZipkinSpan> spans) {
    Map<String, ZipkinSpan> result = new HashMap<>();
    for (ZipkinSpan span : spans) {
      String messageId = span.tag("messaging.message.id");
      assertNotNull(messageId, () -> "span without messaging.message.id: " + span);
      if (result.put(messageId, span) != null) {
        fail("two spans for message " + messageId + ": " + spans);
      }
    }
    return result;
  }

  static ZipkinSpan only(List<ZipkinSpan> spans, Predicate<ZipkinSpan> which, String what) {
    List<ZipkinSpan> matching = spans.stream().filter(which).toList();
    assertEquals(1, matching.size(), () -> "expected exactly one " + what + " in:\n" + lines(spans));
    return matching.get(0);
  }

  /** {@code child} is in {@code parent}'s trace and names it as its parent. */
  static void childOf(ZipkinSpan parent, ZipkinSpan child) {
    assertEquals(parent.traceId(), child.traceId(),
        () -> "trace id of\n  " + child + "\nvs parent\n  " + parent);
    assertEquals(parent.id(), child.parentId(),
        () -> "parent id of\n  " + child + "\nvs parent\n  " + parent);
  }

  /** Kind, name, remote service and the messaging tags every RabbitMQ span carries. */
  static void rabbitSpan(ZipkinSpan span, String kind, String name, String exchange,
      String routingKey) {
    String expectedName = name.toLowerCase(Locale.ROOT); // Zipkin lowercases span names
    assertEquals(kind, span.kind(), () -> "kind of " + span);
    assertEquals(expectedName, span.name(), () -> "name of " + span);
    assertEquals("rabbitmq", span.remoteServiceName(), () -> "remote service of " + span);
    assertTags(span, Map.of(
        "messaging.system", "rabbitmq",
        "messaging.destination.name", exchange,
        "messaging.rabbitmq.destination.routing_key", routingKey,
        "server.port", "5672",
        "peer.service", "rabbitmq"));
    String address = span.tag("server.address");
    assertTrue("127.0.0.1".equals(address) || "localhost".equals(address),
        () -> "server.address of " + span);
  }

  static void publishSpan(ZipkinSpan span, String exchange, String routingKey) {
    rabbitSpan(span, "PRODUCER", publishName(exchange, routingKey), exchange, routingKey);
    assertTags(span, Map.of(
        "messaging.operation.name", "publish",
        "messaging.operation.type", "send"));
  }

  /**
   * A publish is named by its exchange, never by its routing key (keys often carry ids); on the
   * default exchange, where the key is a queue's name, it is written amq.default:key.
   */
  static String publishName(String exchange, String routingKey) {
    return exchange.isEmpty() ? "publish amq.default:" + routingKey : "publish " + exchange;
  }

  /** A delivery from {@code queue}, published to it through the default exchange. */
  static void processSpan(ZipkinSpan span, String queue) {
    rabbitSpan(span, "CONSUMER", "process " + queue, "", queue);
    assertTags(span, Map.of("messaging.rabbitmq.queue", queue));
    assertTags(span, Map.of(
        "messaging.operation.name", "process",
        "messaging.operation.type", "process"));
    String deliveryTag = span.tag("messaging.rabbitmq.message.delivery_tag");
    assertNotNull(deliveryTag, () -> "no delivery tag on " + span);
    assertTrue(Long.parseLong(deliveryTag) > 0, () -> "delivery tag of " + span);
  }

  static void assertTags(ZipkinSpan span, Map<String, String> expected) {
    Map<String, String> actual = expected.keySet().stream()
        .filter(span.tags()::containsKey)
        .collect(Collectors.toMap(k -> k, span::tag));
    assertEquals(new java.util.TreeMap<>(expected), new java.util.TreeMap<>(actual),
        () -> "tags of " + span);
  }

  static String lines(List<ZipkinSpan> spans) {
    return spans.stream().sorted(Comparator.comparingLong(ZipkinSpan::timestamp))
        .map(s -> "  " + s).collect(Collectors.joining("\n"));
  }

  /**
   * Lines an application printed, {@code "<id> ... <span id>"}, as a map from the first word to
   * the last.
   */
  static Map<String, String> lastWordByFirst(List<String> lines) {
    Map<String, String> map = new HashMap<>();
    for (String line : lines) {
      String[] words = line.split(" ");
      map.put(words[0], words[words.length - 1]);
    }
    return map;
  }

  /**
   * The spans of a story where a producer service publishes and a consumer processes and handles
   * each message, indexed as the tests look them up: publishes and processes by message id, the
   * producer's spans by id, the consumer's {@code handle} spans by their parent's id.
   */
  record PublishHandleSpans(
      Map<String, ZipkinSpan> publishes,
      Map<String, ZipkinSpan> processes,
      Map<String, ZipkinSpan> producedById,
      Map<String, ZipkinSpan> handleByParent) {

    static PublishHandleSpans of(List<ZipkinSpan> produced, List<ZipkinSpan> consumed) {
      Map<String, ZipkinSpan> byId = new HashMap<>();
      produced.forEach(s -> byId.put(s.id(), s));
      Map<String, ZipkinSpan> handleByParent = new HashMap<>();
      consumed.stream().filter(s -> "handle".equals(s.name())).forEach(s -> handleByParent.put(s.parentId(), s));
      return new PublishHandleSpans(
          byMessageId(produced.stream().filter(s -> "PRODUCER".equals(s.kind())).toList()),
          byMessageId(consumed.stream().filter(s -> "CONSUMER".equals(s.kind())).toList()),
          byId,
          handleByParent);
    }
  }
}
