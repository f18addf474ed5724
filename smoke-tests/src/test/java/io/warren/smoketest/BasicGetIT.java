package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warren.smoketest.apps.ItemSubscriptions;
import io.warren.smoketest.apps.Puller;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A poller: one basicGet on an empty queue (no span), then one that returns the message published
 * through amq.direct (a receive span in the producer's trace, named with the queue because it
 * differs from the routing key).
 */
class BasicGetIT extends SmokeTestBase {

  @Test
  void basicGetWithAMessageIsTracedAndAnEmptyOneIsNot() {
    String queue = broker.freshQueue("polled");
    String emptyQueue = broker.freshQueue("empty");
    String routingKey = "invoice-" + id;
    broker.bind(queue, "amq.direct", routingKey);
    String producerService = "poll-producer-" + id;
    String pullerService = "puller-" + id;

    AgentJvm.Result producer = Expect.exitedNormally(withAgent(ItemSubscriptions.class,
        producerService).args("--queue=" + queue, "--exchange=amq.direct",
            "--routing-key=" + routingKey, "--count=1", "--id-prefix=g-" + id)
        .run(APP_TIMEOUT));
    AgentJvm.Result puller = Expect.exitedNormally(withAgent(Puller.class, pullerService)
        .args("--queue=" + queue, "--empty-queue=" + emptyQueue).run(APP_TIMEOUT));
    assertEquals(List.of(emptyQueue), puller.linesStartingWith("EMPTY"), puller::describe);
    Expect.deliveredUnchanged(Expect.sent(producer), Expect.received(puller));

    List<ZipkinSpan> publishes = zipkinClient().awaitSpans(producerService, 1);
    List<ZipkinSpan> receives = zipkinClient().awaitSpans(pullerService, 1);
    assertEquals(1, publishes.size(), () -> Expect.lines(publishes) + "\n" + producer.describe());
    assertEquals(1, receives.size(),
        () -> "one span for two basicGets, one of them empty:\n" + Expect.lines(receives)
            + "\n" + puller.describe());
    ZipkinSpan publish = publishes.get(0);
    ZipkinSpan receive = receives.get(0);
    assertAll(
        () -> Expect.publishSpan(publish, "amq.direct", routingKey),
        () -> childOf(publish, receive),
        () -> Expect.rabbitSpan(receive, "CONSUMER",
            "receive " + queue, "amq.direct", routingKey),
        () -> assertEquals("g-" + id + "-1", receive.tag("messaging.message.id")));
  }
}
