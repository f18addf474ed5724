package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.Burst;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.Ports;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Zipkin is down for the whole run while an application publishes and consumes a burst bigger
 * than the span queue: every message arrives, the heap stays about what it is without the agent,
 * the outage is reported once, and the spans lost are summarized once, at exit.
 */
@Tag("long")
class ZipkinDownBurstIT extends SmokeTestBase {
  /**
   * 80 000 spans: far more than the span queue. The agent sizes the queue from the heap (about
   * 1 KB a span, at most an eighth of the heap, never more than 32 768 spans): 32 768 for the
   * -Xmx256m heap of these JVMs, a little less where the collector keeps part of it aside.
   */
  static final int MESSAGES = 40_000;
  static final long HEAP_ALLOWANCE = 64L * 1024 * 1024;
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  @Test
  void burstLargerThanTheQueueWithZipkinDown() {
    int closedPort = Ports.freePort();
    assertFalse(Ports.isOpen(closedPort), "port " + closedPort + " should be closed");
    String endpoint = "http://127.0.0.1:" + closedPort + "/api/v2/spans";

    AgentJvm.Result plain = Expect.exitedNormally(withoutAgent(Burst.class).name("burst-no-agent")
        .args("--queue=" + broker.freshQueue("burst-plain"), "--count=" + MESSAGES,
            "--id-prefix=plain-" + id).run(TIMEOUT));
    AgentJvm.Result traced = Expect.exitedNormally(withAgent(Burst.class, "burst-" + id)
        .zipkinEndpoint(endpoint)
        .args("--queue=" + broker.freshQueue("burst-traced"), "--count=" + MESSAGES,
            "--id-prefix=traced-" + id).run(TIMEOUT));

    assertEquals(List.of(Integer.toString(MESSAGES)), traced.linesStartingWith("DELIVERED"),
        traced::describe);
    long plainHeap = heap(plain);
    long tracedHeap = heap(traced);
    System.out.printf("heap after the burst: %d MiB with the agent (Zipkin down), %d MiB without%n",
        tracedHeap >> 20, plainHeap >> 20);
    assertTrue(tracedHeap <= plainHeap + HEAP_ALLOWANCE, () -> "heap with the agent "
        + (tracedHeap >> 20) + " MiB vs " + (plainHeap >> 20) + " MiB without\n"
        + traced.describe());

    List<String> outage = AgentLog.containing(traced, "cannot send spans to Zipkin");
    assertEquals(1, outage.size(), () -> "outage reports:\n" + String.join("\n", outage)
        + "\n" + traced.describe());
    assertTrue(outage.get(0).contains(endpoint), outage.get(0));
    // Spans were certainly lost, so the agent summarizes the loss at exit, exactly once.
    List<String> lost = AgentLog.containing(traced, "spans were not exported");
    System.out.println("loss summary: " + lost);
    assertEquals(1, lost.size(), () -> "loss summaries:\n" + String.join("\n", lost)
        + "\n" + traced.describe());
  }

  static long heap(AgentJvm.Result result) {
    List<String> heap = result.linesStartingWith("HEAP-USED-BYTES");
    assertEquals(1, heap.size(), result::describe);
    return Long.parseLong(heap.get(0));
  }
}
