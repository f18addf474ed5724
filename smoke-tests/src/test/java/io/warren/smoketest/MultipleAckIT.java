package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.warren.smoketest.apps.MultipleAckConsumer;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A consumer that acks ten deliveries at a time with multiple=true costs each ack at most one
 * span, not ten: the ack goes on the acking delivery's span while it is open, else on one settle
 * span under it, with how many deliveries it settled and their tags; a multiple nack is still a
 * settle span under each delivery it covers. (Before: a settle span for every covered delivery
 * whose span had ended: 91 spans here instead of 73.)
 */
class MultipleAckIT extends SmokeTestBase {
  static final String SETTLEMENT = "messaging.rabbitmq.settlement";
  static final String MULTIPLE = "messaging.rabbitmq.settlement.multiple";
  static final String COUNT = "messaging.rabbitmq.settlement.count";
  static final String FIRST_TAG = "messaging.rabbitmq.settlement.first_delivery_tag";
  static final String LAST_TAG = "messaging.rabbitmq.settlement.last_delivery_tag";
  static final String DELIVERY_TAG = "messaging.rabbitmq.message.delivery_tag";

  @Test
  void aMultipleAckIsAtMostOneSpanAndAMultipleNackOnePerMessage() {
    String queue = broker.freshQueue("multi-ack");
    String service = "multi-ack-" + id;
    String prefix = "m-" + id;

    AgentJvm.Result app = Expect.exitedNormally(withAgent(MultipleAckConsumer.class, service)
        .args("--queue=" + queue, "--id-prefix=" + prefix)
        .run(APP_TIMEOUT));
    // The application settles exactly as it would without the agent.
    assertEquals(List.of(
            "ack 10 multiple=true",
            "ack 20 multiple=true",
            "nack 30 multiple=true",
            "ack 31 multiple=false"),
        app.linesStartingWith("SETTLED"), app::describe);
    assertEquals(List.of(), app.linesStartingWith("TAG-MISMATCH"), app::describe);

    // 31 publishes, 31 process spans, one settle span for the ack of 11 to 20, ten for the nack.
    int expected = 31 + 31 + 1 + 10;
    List<ZipkinSpan> spans = zipkinClient().awaitSpans(service, expected);
    assertEquals(expected, spans.size(), () -> Expect.lines(spans) + "\n" + app.describe());
    List<ZipkinSpan> processes = spans.stream().filter(s -> "CONSUMER".equals(s.kind())).toList();
    Map<String, ZipkinSpan> byId = Expect.byMessageId(processes);

    List<Executable> checks = new ArrayList<>();
    for (int n = 1; n <= 31; n++) {
      ZipkinSpan process = byId.get(prefix + "-" + n);
      List<ZipkinSpan> children = spans.stream().filter(s -> process.id().equals(s.parentId())).toList();
      int tag = n;
      if (n < 10 || (n > 10 && n < 20)) {
        checks.add(() -> assertAll("delivery " + tag + ": acked with a later delivery",
            () -> assertNull(process.tag(SETTLEMENT), process::toString),
            () -> assertEquals(List.of(), children)));
      } else if (n == 10) {
        checks.add(() -> assertAll("delivery 10: acked 1 to 10 in its handler",
            () -> Expect.assertTags(process, Map.of(SETTLEMENT, "ack", MULTIPLE, "true",
                COUNT, "10", FIRST_TAG, "1", LAST_TAG, "10")),
            () -> assertEquals(List.of(), children)));
      } else if (n == 20) {
        checks.add(() -> {
          assertEquals(1, children.size(), () -> "one settle span under " + process + ": " + children);
          ZipkinSpan settle = children.get(0);
          assertAll("delivery 20: acked 11 to 20 after their handlers returned",
              () -> assertNull(process.tag(SETTLEMENT), process::toString),
              () -> childOf(process, settle),
              () -> assertEquals("settle " + queue, settle.name()),
              () -> Expect.assertTags(settle, Map.of("messaging.operation.type", "settle",
                  SETTLEMENT, "ack", MULTIPLE, "true", DELIVERY_TAG, "20",
                  COUNT, "10", FIRST_TAG, "11", LAST_TAG, "20")));
        });
      } else if (n <= 30) {
        checks.add(() -> {
          assertEquals(1, children.size(), () -> "one settle span under " + process + ": " + children);
          ZipkinSpan settle = children.get(0);
          assertAll("delivery " + tag + ": nacked with 21 to 30",
              () -> childOf(process, settle),
              () -> Expect.assertTags(settle, Map.of("messaging.operation.type", "settle",
                  SETTLEMENT, "nack", MULTIPLE, "true", "messaging.rabbitmq.settlement.requeue", "false",
                  DELIVERY_TAG, String.valueOf(tag))),
              () -> assertNull(settle.tag(COUNT), settle::toString));
        });
      } else {
        checks.add(() -> assertAll("delivery 31: acked alone in its handler",
            () -> Expect.assertTags(process, Map.of(SETTLEMENT, "ack")),
            () -> assertNull(process.tag(MULTIPLE), process::toString),
            () -> assertEquals(List.of(), children)));
      }
    }
    assertAll(checks);
  }
}
