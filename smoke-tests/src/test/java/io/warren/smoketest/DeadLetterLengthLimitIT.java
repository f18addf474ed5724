package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.GetResponse;
import io.warren.smoketest.apps.LengthLimited;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.TraceTree;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A message pushed out of a full queue ({@code x-max-length=1}, overflow drop-head) into the
 * dead-letter queue: its dead-letter process span is a child of its original publish and carries
 * the broker's x-death history with the reason {@code maxlen}.
 */
class DeadLetterLengthLimitIT extends SmokeTestBase {

  @Test
  void aMessageDroppedFromAFullQueueStaysInItsPublishersTrace() {
    String dlq = broker.freshQueue("overflow-dead");
    String queue = broker.freshQueue("overflowing", Map.of(
        "x-max-length", 1,
        "x-dead-letter-exchange", "",
        "x-dead-letter-routing-key", dlq));
    String service = "length-limited-" + id;
    String prefix = "ml-" + id;

    AgentJvm.Result result = Expect.exitedNormally(withAgent(LengthLimited.class, service)
        .args("--queue=" + queue, "--dlq=" + dlq, "--id-prefix=" + prefix)
        .run(APP_TIMEOUT));
    assertEquals(List.of(prefix + "-1 body " + prefix + "-1"), result.linesStartingWith("DEAD"),
        result::describe);
    GetResponse survivor = broker.get(queue);
    assertNotNull(survivor, "the second message stays in the full queue");
    assertEquals(prefix + "-2", survivor.getProps().getMessageId());

    // Two publishes and the dead-letter process span of the first message.
    List<ZipkinSpan> spans = zipkinClient().awaitSpans(service, 3);
    assertEquals(3, spans.size(), () -> Expect.lines(spans) + "\n" + result.describe());
    ZipkinSpan firstPublish = Expect.only(spans, s -> isKind(s, "PRODUCER", prefix + "-1"),
        "publish of the first message");
    Expect.only(spans, s -> isKind(s, "PRODUCER", prefix + "-2"), "publish of the second message");
    ZipkinSpan dead = Expect.only(spans, s -> isKind(s, "CONSUMER", prefix + "-1"),
        "dead-letter process span of the first message");
    System.out.println(TraceTree.render(zipkinClient().trace(firstPublish.traceId())));

    assertAll(
        () -> Expect.publishSpan(firstPublish, "", queue),
        () -> Expect.processSpan(dead, dlq),
        () -> childOf(firstPublish, dead),
        () -> assertEquals("ack", dead.tag("messaging.rabbitmq.settlement")),
        () -> assertEquals("queue=" + queue + " reason=maxlen count=1 exchange=", xDeath(dead),
            () -> "x-death of " + dead),
        () -> {
          String queueTime = dead.tag("messaging.rabbitmq.queue_time_ms");
          assertTrue(queueTime != null && Long.parseLong(queueTime) >= 0,
              () -> "queue time of " + dead);
        });
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
