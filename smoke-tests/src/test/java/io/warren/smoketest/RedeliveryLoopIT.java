package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warren.smoketest.apps.PoisonLoop;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.TraceTree;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A poison message, nacked with requeue 1000 times and then acked, against the real broker, with
 * the packaged agent: its trace keeps the first delivery, the first 10 redeliveries and the 16th,
 * 32nd, ... 512th (the default of {@code warren.messaging.redelivery.spans}), and a settle span
 * for the ack that ended the loop, which says it came with the 1000th redelivery.
 */
class RedeliveryLoopIT extends SmokeTestBase {
  static final String COUNT = "messaging.rabbitmq.redelivery_count";
  static final String UNRECORDED = "messaging.rabbitmq.redelivery.unrecorded";

  @Test
  void aThousandRedeliveriesAddSeventeenProcessSpansAndOneSettle() {
    String queue = broker.freshQueue("poison");
    String service = "poison-" + id;
    String messageId = "poison-" + id;

    AgentJvm.Result app = Expect.exitedNormally(withAgent(PoisonLoop.class, service)
        .args("--queue=" + queue, "--id=" + messageId, "--nacks=1000")
        .run(APP_TIMEOUT));
    assertEquals(List.of("1001"), app.linesStartingWith("DELIVERIES"), app::describe);

    // 1 publish, 17 process spans, 1 settle span: nothing else.
    List<ZipkinSpan> spans = zipkinClient().awaitSpans(service, 19);
    assertEquals(19, spans.size(), () -> Expect.lines(spans) + "\n" + app.describe());
    ZipkinSpan publish = Expect.only(spans, s -> "PRODUCER".equals(s.kind()), "publish");
    List<ZipkinSpan> processes = spans.stream()
        .filter(s -> "CONSUMER".equals(s.kind()))
        .sorted(Comparator.comparingLong(s -> s.tag(COUNT) == null ? 0 : Long.parseLong(s.tag(COUNT))))
        .toList();
    ZipkinSpan settle = Expect.only(spans, s -> ("settle " + queue).equals(s.name()), "settle");
    String tree = TraceTree.render(zipkinClient().trace(publish.traceId()));
    System.out.println(tree);

    assertAll(tree,
        () -> assertEquals(19, zipkinClient().trace(publish.traceId()).size(), "one trace"),
        () -> assertEquals(
            List.of("-", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "16", "32", "64", "128", "256", "512"),
            processes.stream().map(s -> s.tag(COUNT) == null ? "-" : s.tag(COUNT)).toList(),
            "the redeliveries kept"),
        () -> processes.forEach(process -> childOf(publish, process)),
        () -> processes.forEach(process -> assertEquals("nack", process.tag("messaging.rabbitmq.settlement"))),
        () -> assertEquals("255", processes.get(16).tag(UNRECORDED), "between the 256th and the 512th"),
        () -> childOf(publish, settle),
        () -> assertEquals("ack", settle.tag("messaging.rabbitmq.settlement")),
        () -> assertEquals("1000", settle.tag(COUNT), "the loop ended with the 1000th redelivery"),
        () -> assertEquals("487", settle.tag(UNRECORDED), "between the 512th and the 1000th"));
  }
}
