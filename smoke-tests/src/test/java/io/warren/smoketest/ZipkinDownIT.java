package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.ItemSubscriptions;
import io.warren.smoketest.apps.Notifications;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.Ports;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** With nothing listening at the Zipkin endpoint, applications behave exactly as without Warren. */
class ZipkinDownIT extends SmokeTestBase {
  private static final Duration REASONABLE = Duration.ofSeconds(30);

  @Test
  void applicationsCompleteNormallyWhenZipkinIsUnreachable() {
    int closedPort = Ports.freePort();
    assertFalse(Ports.isOpen(closedPort), "port " + closedPort + " should be closed");
    String endpoint = "http://127.0.0.1:" + closedPort + "/api/v2/spans";
    String queue = broker.freshQueue("no-zipkin");

    AgentJvm.Running consumer = withAgent(Notifications.class, "down-consumer-" + id)
        .zipkinEndpoint(endpoint).args("--queue=" + queue, "--count=3").start();
    AgentJvm.Result producer = Expect.exitedNormally(
        withAgent(ItemSubscriptions.class, "down-producer-" + id).zipkinEndpoint(endpoint)
            .args("--queue=" + queue, "--count=3", "--id-prefix=d-" + id).run(APP_TIMEOUT));
    AgentJvm.Result consumed = Expect.exitedNormally(consumer.awaitExit(APP_TIMEOUT));

    assertEquals(3, Expect.sent(producer).size(), producer::describe);
    Expect.deliveredUnchanged(Expect.sent(producer), Expect.received(consumed));
    assertTrue(producer.elapsed().compareTo(REASONABLE) < 0,
        "producer took " + producer.elapsed() + "\n" + producer.describe());
    assertTrue(consumed.elapsed().compareTo(REASONABLE) < 0,
        "consumer took " + consumed.elapsed() + "\n" + consumed.describe());
    assertEquals(0, broker.messageCount(queue), "messages left in " + queue);
    // The agent was really at work: it still put trace context on every message.
    for (var message : Expect.received(consumed)) {
      assertTrue(message.headers().containsKey("traceparent"),
          () -> "no traceparent on " + message + "\n" + producer.describe());
    }
  }
}
