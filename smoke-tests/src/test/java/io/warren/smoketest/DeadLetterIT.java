package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.DeadLetters;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.TraceTree;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A poison message rejected into the dead-letter queue, and a message whose TTL expired there:
 * the dead-letter queue's process span is a child of the original publish, and carries the
 * broker's x-death history; every process span says how long its message waited, never less
 * than nothing, and how its consumer settled it.
 */
class DeadLetterIT extends SmokeTestBase {

  @Test
  void deadLetteredMessagesStayInTheirPublishersTraceWithTheirHistory() {
    String dlq = broker.freshQueue("dead-letters");
    Map<String, Object> deadLetterToDlq =
        Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq);
    String work = broker.freshQueue("work", deadLetterToDlq);
    String parking = broker.freshQueue("parking", deadLetterToDlq);
    String service = "dead-letters-" + id;
    String prefix = "dl-" + id;

    AgentJvm.Result result = Expect.exitedNormally(withAgent(DeadLetters.class, service)
        .args("--work=" + work, "--parking=" + parking, "--dlq=" + dlq, "--id-prefix=" + prefix)
        .run(APP_TIMEOUT));
    assertEquals(2, result.linesStartingWith("DEAD").size(), result::describe);

    // poison: publish, the rejecting process, the dead-letter process; expired: publish and the
    // dead-letter process.
    List<ZipkinSpan> spans = zipkinClient().awaitSpans(service, 5);
    ZipkinSpan poisonPublish = Expect.only(spans, s -> isKind(s, "PRODUCER", prefix + "-poison"),
        "publish of the poison message");
    ZipkinSpan expiredPublish = Expect.only(spans, s -> isKind(s, "PRODUCER", prefix + "-expired"),
        "publish of the expiring message");
    ZipkinSpan rejected = Expect.only(spans,
        s -> isKind(s, "CONSUMER", prefix + "-poison") && ("process " + work).equals(s.name()),
        "process span of the rejection");
    ZipkinSpan poisonDead = Expect.only(spans,
        s -> isKind(s, "CONSUMER", prefix + "-poison") && ("process " + dlq).equals(s.name()),
        "dead-letter process span of the poison message");
    ZipkinSpan expiredDead = Expect.only(spans,
        s -> isKind(s, "CONSUMER", prefix + "-expired") && ("process " + dlq).equals(s.name()),
        "dead-letter process span of the expired message");
    System.out.println(TraceTree.render(zipkinClient().trace(poisonPublish.traceId())));

    assertAll(
        () -> childOf(poisonPublish, rejected),
        () -> childOf(poisonPublish, poisonDead),
        () -> childOf(expiredPublish, expiredDead),
        () -> assertEquals("reject", rejected.tag("messaging.rabbitmq.settlement")),
        () -> assertEquals("false", rejected.tag("messaging.rabbitmq.settlement.requeue")),
        () -> assertEquals("ack", poisonDead.tag("messaging.rabbitmq.settlement")),
        () -> assertEquals("queue=" + work + " reason=rejected count=1 exchange=",
            xDeath(poisonDead), () -> "x-death of " + poisonDead),
        () -> assertEquals("queue=" + parking + " reason=expired count=1 exchange=",
            xDeath(expiredDead), () -> "x-death of " + expiredDead),
        () -> {
          for (ZipkinSpan process : List.of(rejected, poisonDead, expiredDead)) {
            String queueTime = process.tag("messaging.rabbitmq.queue_time_ms");
            assertTrue(queueTime != null && Long.parseLong(queueTime) >= 0,
                () -> "queue time of " + process);
            assertEquals("header", process.tag("messaging.rabbitmq.queue_time_source"));
          }
        },
        () -> assertTrue(Long.parseLong(expiredDead.tag("messaging.rabbitmq.queue_time_ms")) >= 200,
            () -> "the expired message waited at least its TTL: " + expiredDead));
  }

  private static boolean isKind(ZipkinSpan span, String kind, String messageId) {
    return kind.equals(span.kind()) && messageId.equals(span.tag("messaging.message.id"));
  }

  /** Zipkin shows a string-list attribute as a JSON array; there is one entry here. */
  private static String xDeath(ZipkinSpan span) {
    String value = span.tag("messaging.rabbitmq.x_death");
    return value == null ? null : value.replaceAll("^\\[\"|\"\\]$", "");
  }
}
