package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The span model the Spring AMQP instrumentation produces, and parsing of what the Spring sample
 * application ({@code smoke-tests/spring-app-src}) prints.
 */
final class SpringExpect {
  private SpringExpect() {}

  static final String BATCH_COUNT = "messaging.batch.message_count";

  /** {@code publish <exchange>}, or {@code publish amq.default:<routing key>}. */
  static String publishName(String exchange, String routingKey) {
    return exchange.isEmpty() ? "publish amq.default:" + routingKey : "publish " + exchange;
  }

  /** A PRODUCER span with the publish name, remote service rabbitmq. */
  static void publishSpan(ZipkinSpan span, String exchange, String routingKey) {
    assertNotNull(span, "no publish span");
    assertEquals("PRODUCER", span.kind(), () -> "kind of " + span);
    assertEquals(publishName(exchange, routingKey).toLowerCase(Locale.ROOT), span.name(),
        () -> "name of " + span);
    assertEquals("rabbitmq", span.remoteServiceName(), () -> "remote service of " + span);
  }

  /** A CONSUMER span {@code <operation> <queue>} with {@code messaging.rabbitmq.queue}. */
  static void consumerSpan(ZipkinSpan span, String operation, String queue) {
    assertNotNull(span, "no " + operation + " span");
    assertEquals("CONSUMER", span.kind(), () -> "kind of " + span);
    assertEquals((operation + " " + queue).toLowerCase(Locale.ROOT), span.name(),
        () -> "name of " + span);
    assertEquals(queue, span.tag("messaging.rabbitmq.queue"),
        () -> "messaging.rabbitmq.queue of " + span);
  }

  static void processSpan(ZipkinSpan span, String queue) {
    consumerSpan(span, "process", queue);
  }

  static boolean isBatch(ZipkinSpan span) {
    return span.tags().containsKey(BATCH_COUNT);
  }

  /** The span is an error and names the exception (tag or exception event). */
  static void failedWithException(ZipkinSpan span) {
    assertTrue(span.tags().containsKey("error"), () -> "no error tag on " + span);
    boolean exceptionRecorded = span.tags().containsKey("exception.type")
        || span.tags().containsKey("error.type")
        || span.annotations().stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).contains("exception"));
    assertTrue(exceptionRecorded, () -> "no exception.type / error.type tag or exception "
        + "annotation on " + span);
  }

  /**
   * The CONSUMER spans of one service per message id (tag {@code messaging.message.id}), batch
   * spans left out; fails if a message has more than one (one delivery, one span).
   */
  static Map<String, ZipkinSpan> consumerSpansById(List<ZipkinSpan> spans) {
    return oneById(spans.stream().filter(s -> "CONSUMER".equals(s.kind()) && !isBatch(s)).toList());
  }

  /** The PRODUCER spans of one service per message id; fails on two for one message. */
  static Map<String, ZipkinSpan> producerSpansById(List<ZipkinSpan> spans) {
    return oneById(spans.stream().filter(s -> "PRODUCER".equals(s.kind())).toList());
  }

  private static Map<String, ZipkinSpan> oneById(List<ZipkinSpan> spans) {
    Map<String, List<ZipkinSpan>> byId = spans.stream()
        .filter(s -> s.tag("messaging.message.id") != null)
        .collect(Collectors.groupingBy(s -> s.tag("messaging.message.id"), TreeMap::new,
            Collectors.toList()));
    byId.forEach((id, list) -> assertEquals(1, list.size(),
        () -> "spans for message " + id + " (expected one):\n" + Expect.lines(list)));
    return byId.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(0)));
  }

  /** The message ids of the app's lines starting with {@code prefix} (first field). */
  static List<String> ids(AgentJvm.Result app, String prefix) {
    return app.linesStartingWith(prefix).stream().map(line -> line.split(" ")[0]).toList();
  }

  /** {@code BATCH <n> <size> <ids>} lines: the ids of each batch, in order. */
  static List<List<String>> batches(AgentJvm.Result app) {
    List<List<String>> batches = app.linesStartingWith("BATCH").stream()
        .map(line -> List.of(line.split(" ")[2].split(","))).toList();
    assertFalse(batches.isEmpty(), app::describe);
    return batches;
  }
}
