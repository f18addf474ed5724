package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.SettlingConsumer;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.TraceTree;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * How a consumer settled each delivery. Settled inside handleDelivery (or by auto-ack): on the
 * delivery's process span. Settled later on another thread, after the process span ended: a short
 * internal {@code settle <queue>} span under it. Never settled before its channel closed: a
 * {@code settle <queue>} span saying {@code unsettled}. A requeued message comes back as a second
 * process span, marked redelivered, in the same trace.
 */
class SettlementIT extends SmokeTestBase {
  static final String SETTLEMENT = "messaging.rabbitmq.settlement";
  static final String REQUEUE = "messaging.rabbitmq.settlement.requeue";
  static final String REDELIVERED = "messaging.rabbitmq.message.redelivered";
  static final String DELIVERY_TAG = "messaging.rabbitmq.message.delivery_tag";

  @Test
  void everySettlementIsRecordedWhereverAndWheneverItHappens() {
    String queue = broker.freshQueue("settle");
    String autoQueue = broker.freshQueue("settle-auto");
    String service = "settling-" + id;
    String prefix = "s-" + id;

    AgentJvm.Result app = Expect.exitedNormally(withAgent(SettlingConsumer.class, service)
        .args("--queue=" + queue, "--auto-queue=" + autoQueue, "--id-prefix=" + prefix)
        .run(APP_TIMEOUT));
    // The application settles exactly as it would without the agent.
    assertEquals(List.of(
            "ack-handler ack requeue=false redelivered=false handler",
            "ack-later ack requeue=false redelivered=false later",
            "nack-handler nack requeue=false redelivered=false handler",
            "nack-later nack requeue=false redelivered=false later",
            "reject-handler reject requeue=false redelivered=false handler",
            "reject-later reject requeue=false redelivered=false later",
            "requeue-handler ack requeue=false redelivered=true handler",
            "requeue-handler reject requeue=true redelivered=false handler",
            "requeue-later ack requeue=false redelivered=true later",
            "requeue-later nack requeue=true redelivered=false later"),
        app.linesStartingWith("SETTLED").stream().sorted().toList(), app::describe);
    assertEquals(List.of("unsettled"), app.linesStartingWith("UNSETTLED"), app::describe);
    assertEquals(List.of("auto"), app.linesStartingWith("AUTO"), app::describe);
    assertTrue(app.stdout().contains("CLOSED"), app::describe);

    // 10 publishes; 10 first deliveries and 2 redeliveries; settle spans for the 3 later
    // settles, the 2 later settles of requeue-later and the unsettled delivery.
    int expected = 10 + 12 + 6;
    List<ZipkinSpan> spans = zipkinClient().awaitSpans(service, expected);
    assertEquals(expected, spans.size(), () -> Expect.lines(spans) + "\n" + app.describe());
    Spans all = new Spans(spans, prefix, queue);

    List<Executable> checks = new ArrayList<>();
    for (String scenario : List.of("ack-handler", "nack-handler", "reject-handler")) {
      String outcome = scenario.substring(0, scenario.indexOf('-'));
      checks.add(() -> {
        ZipkinSpan process = all.onlyProcess(scenario);
        assertAll(scenario,
            () -> assertEquals(outcome, process.tag(SETTLEMENT), process::toString),
            () -> assertEquals("ack".equals(outcome) ? null : "false", process.tag(REQUEUE),
                process::toString),
            () -> all.noSettleSpan(process));
      });
    }
    for (String scenario : List.of("ack-later", "nack-later", "reject-later")) {
      String outcome = scenario.substring(0, scenario.indexOf('-'));
      checks.add(() -> all.settledLater(all.onlyProcess(scenario), outcome,
          "ack".equals(outcome) ? null : "false"));
    }
    checks.add(() -> {
      List<ZipkinSpan> deliveries = all.processes("requeue-handler");
      assertAll("requeue-handler",
          () -> assertEquals("reject", deliveries.get(0).tag(SETTLEMENT), deliveries::toString),
          () -> assertEquals("true", deliveries.get(0).tag(REQUEUE), deliveries::toString),
          () -> all.noSettleSpan(deliveries.get(0)),
          () -> assertEquals("ack", deliveries.get(1).tag(SETTLEMENT), deliveries::toString),
          () -> all.noSettleSpan(deliveries.get(1)));
    });
    checks.add(() -> {
      List<ZipkinSpan> deliveries = all.processes("requeue-later");
      assertAll("requeue-later",
          () -> all.settledLater(deliveries.get(0), "nack", "true"),
          () -> all.settledLater(deliveries.get(1), "ack", null));
    });
    checks.add(() -> {
      ZipkinSpan process = all.onlyProcess("unsettled");
      ZipkinSpan settle = all.settleSpan(process, "unsettled");
      assertAll("unsettled", () -> assertEquals("unsettled", settle.tag(SETTLEMENT)));
    });
    checks.add(() -> {
      ZipkinSpan process = all.process("auto", autoQueue).get(0);
      assertAll("auto",
          () -> assertEquals("auto-ack", process.tag(SETTLEMENT), process::toString),
          () -> all.noSettleSpan(process));
    });
    assertAll(checks);
  }

  /** The application's spans, looked up by scenario. */
  private static final class Spans {
    private final List<ZipkinSpan> spans;
    private final String prefix;
    private final String queue;

    Spans(List<ZipkinSpan> spans, String prefix, String queue) {
      this.spans = spans;
      this.prefix = prefix;
      this.queue = queue;
    }

    ZipkinSpan publish(String scenario) {
      String messageId = prefix + "-" + scenario;
      return Expect.only(spans, s -> "PRODUCER".equals(s.kind())
          && messageId.equals(s.tag("messaging.message.id")), "publish of " + messageId);
    }

    /**
     * The process spans of a scenario's message in {@code fromQueue}, first delivery first; each
     * is a child of the publish, and only a redelivery is marked redelivered.
     */
    List<ZipkinSpan> process(String scenario, String fromQueue) {
      String messageId = prefix + "-" + scenario;
      ZipkinSpan publish = publish(scenario);
      List<ZipkinSpan> deliveries = spans.stream()
          .filter(s -> "CONSUMER".equals(s.kind())
              && messageId.equals(s.tag("messaging.message.id")))
          .sorted(Comparator.comparing((ZipkinSpan s) -> s.tag(REDELIVERED) != null)
              .thenComparingLong(ZipkinSpan::timestamp))
          .toList();
      assertTrue(!deliveries.isEmpty(), () -> "no process span for " + messageId + " in:\n"
          + Expect.lines(spans));
      assertNull(deliveries.get(0).tag(REDELIVERED), () -> "first delivery: " + deliveries);
      for (int i = 0; i < deliveries.size(); i++) {
        ZipkinSpan delivery = deliveries.get(i);
        Expect.processSpan(delivery, fromQueue);
        childOf(publish, delivery);
        if (i > 0) {
          assertEquals("true", delivery.tag(REDELIVERED), () -> "redelivery: " + delivery);
        }
      }
      return deliveries;
    }

    ZipkinSpan onlyProcess(String scenario) {
      List<ZipkinSpan> deliveries = process(scenario, queue);
      assertEquals(1, deliveries.size(), () -> "one delivery of " + scenario + ": " + deliveries);
      return deliveries.get(0);
    }

    /** A first delivery and its redelivery. */
    List<ZipkinSpan> processes(String scenario) {
      List<ZipkinSpan> deliveries = process(scenario, queue);
      assertEquals(2, deliveries.size(),
          () -> "a delivery and a redelivery of " + scenario + ": " + deliveries);
      return deliveries;
    }

    void noSettleSpan(ZipkinSpan process) {
      List<ZipkinSpan> children = spans.stream()
          .filter(s -> process.id().equals(s.parentId())).toList();
      assertEquals(List.of(), children, () -> "settled on the process span itself: " + process);
    }

    /** The settle span under {@code process}, with what every settle span says. */
    ZipkinSpan settleSpan(ZipkinSpan process, String outcome) {
      ZipkinSpan settle = Expect.only(spans, s -> process.id().equals(s.parentId()),
          "settle span (" + outcome + ") under " + process);
      assertAll("settle span " + settle + "\n" + TraceTree.render(spans.stream()
              .filter(s -> s.traceId().equals(process.traceId())).toList()),
          () -> childOf(process, settle),
          () -> assertEquals("settle " + queue, settle.name(), "name"),
          () -> assertNull(settle.kind(), "kind (internal)"),
          () -> assertEquals("settle", settle.tag("messaging.operation.type"), "operation type"),
          () -> assertEquals(process.tag(DELIVERY_TAG), settle.tag(DELIVERY_TAG), "delivery tag"),
          () -> assertEquals(outcome, settle.tag(SETTLEMENT), "settlement"));
      return settle;
    }

    /** Settled after the handler returned: on a settle span, not on the process span. */
    void settledLater(ZipkinSpan process, String outcome, String requeue) {
      ZipkinSpan settle = settleSpan(process, outcome);
      assertNotNull(settle);
      if (requeue != null) {
        assertEquals(requeue, settle.tag(REQUEUE), () -> "requeue on " + settle);
      }
    }
  }
}
