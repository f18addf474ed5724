package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warren.smoketest.apps.HeaderVariants;
import io.warren.smoketest.apps.Notifications;
import io.warren.smoketest.apps.Wire;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Publishing with null properties, null headers, an unmodifiable map and Map.of works as without
 * the agent, and each message still links consumer to producer.
 */
class HeaderVariantsIT extends SmokeTestBase {

  @Test
  void nullAndImmutableHeadersArePublishedUnchangedAndTraced() {
    String queue = broker.freshQueue("variants");
    String producerService = "variants-" + id;
    String consumerService = "variants-consumer-" + id;

    AgentJvm.Result producer = Expect.exitedNormally(withAgent(HeaderVariants.class,
        producerService).args("--queue=" + queue, "--id-prefix=v-" + id).run(APP_TIMEOUT));
    AgentJvm.Result consumer = Expect.exitedNormally(withAgent(Notifications.class,
        consumerService).args("--queue=" + queue, "--count=4").run(APP_TIMEOUT));
    List<Wire.Message> sent = Expect.sent(producer);
    List<Wire.Message> received = Expect.received(consumer);
    assertEquals(4, sent.size(), producer::describe);
    Expect.deliveredUnchanged(sent, received);
    for (Wire.Message message : received) {
      assertEquals(1, message.headers().keySet().stream()
          .filter(h -> h.equals("traceparent")).count(),
          () -> "traceparent header on " + message);
    }

    List<ZipkinSpan> publishes = zipkinClient().awaitSpans(producerService, 4);
    List<ZipkinSpan> processes = zipkinClient().awaitSpans(consumerService, 4);
    assertEquals(4, publishes.size(), () -> Expect.lines(publishes) + "\n" + producer.describe());
    assertEquals(4, processes.size(), () -> Expect.lines(processes) + "\n" + consumer.describe());
    for (ZipkinSpan process : processes) {
      Expect.processSpan(process, queue);
      ZipkinSpan publish = Expect.only(publishes, p -> p.id().equals(process.parentId()),
          "publish span that is the parent of " + process);
      childOf(publish, process);
      Expect.publishSpan(publish, "", queue);
      assertEquals(publish.tag("messaging.message.id"), process.tag("messaging.message.id"));
    }
    // The message published with null properties has no id; the others keep theirs.
    assertEquals(3, publishes.stream().filter(s -> s.tags().containsKey("messaging.message.id"))
        .count(), () -> Expect.lines(publishes));
  }
}
