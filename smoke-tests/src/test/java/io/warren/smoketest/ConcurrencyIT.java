package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.ParallelConsumers;
import io.warren.smoketest.apps.ParallelPublishers;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinBulk;
import io.warren.smoketest.harness.ZipkinSpan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Eight publishing threads, two consumers with prefetch 50 on a shared pool: every delivery span
 * is the child of its own message's publish span, no trace context is left on a consumer thread
 * after its handlers return, and every span reaches Zipkin exactly once.
 */
@Tag("long")
class ConcurrencyIT extends SmokeTestBase {
  private static final int MESSAGES = Integer.getInteger("smoke.concurrency.messages", 50_000);
  private static final int POOL_THREADS = 2;
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  /**
   * Eight threads publish faster than one exporter drains to Zipkin; this test is about which
   * span belongs where, so the queue holds a whole run instead of dropping (tested elsewhere).
   */
  private static final String QUEUE_SIZE = Integer.toString(2 * MESSAGES + 1000);

  @Test
  void concurrentPublishAndConsumeKeepEveryMessageInItsOwnTrace() {
    String queue = broker.freshQueue("concurrent");
    String probeQueue = broker.freshQueue("concurrent-probe");
    String producerService = "parallel-producer-" + id;
    String consumerService = "parallel-consumer-" + id;
    ZipkinBulk zipkin = new ZipkinBulk(zipkin().baseUrl());
    long receivedBefore = zipkin.receivedSpans();

    AgentJvm.Running consumers = withAgent(ParallelConsumers.class, consumerService)
        .property("otel.bsp.max.queue.size", QUEUE_SIZE)
        .args("--queue=" + queue, "--probe-queue=" + probeQueue, "--count=" + MESSAGES,
            "--consumers=2", "--prefetch=50", "--pool-threads=" + POOL_THREADS,
            "--timeout-seconds=240")
        .start();
    AgentJvm.Result published = Expect.exitedNormally(withAgent(ParallelPublishers.class,
        producerService).property("otel.bsp.max.queue.size", QUEUE_SIZE).args("--queue=" + queue, "--count=" + MESSAGES, "--threads=8", "--linger-seconds=20",
            "--id-prefix=c-" + id).run(TIMEOUT));
    AgentJvm.Result consumed = Expect.exitedNormally(consumers.awaitExit(TIMEOUT));
    assertEquals(List.of(Integer.toString(MESSAGES)), published.linesStartingWith("DONE"));
    List<String> probes = consumed.linesStartingWith("PROBE");
    assertEquals(POOL_THREADS, probes.size(), consumed::describe);

    // Every span once: the collector's own count, not the (merging) query API. Both JVMs have
    // exited, and each sent what it still held before exiting (the agent's exit flush waits for
    // the export): no span of theirs can arrive after the count is enough, so one more look
    // after a pause would see nothing new.
    long expectedSpans = 2L * MESSAGES + POOL_THREADS;
    long received = zipkin.awaitReceivedSpans(n -> n - receivedBefore >= expectedSpans,
        Duration.ofSeconds(90)) - receivedBefore;
    System.out.println("concurrency: Zipkin received " + received + " spans, expected "
        + expectedSpans);
    assertEquals(expectedSpans, received, "spans Zipkin received during the run");

    List<ZipkinSpan> publishes = zipkin.spansOf(producerService);
    List<ZipkinSpan> consumerSpans = zipkin.spansOf(consumerService);
    Map<String, ZipkinSpan> publishById = Expect.byMessageId(publishes);
    assertEquals(MESSAGES, publishById.size());
    List<String> problems = new ArrayList<>();
    Map<String, ZipkinSpan> processById = new HashMap<>();
    for (ZipkinSpan span : consumerSpans) {
      String messageId = span.tag("messaging.message.id");
      if ("PRODUCER".equals(span.kind())) { // a probe
        if (!span.isRoot()) {
          problems.add("probe published outside any handler joined an old trace: " + span);
        }
        continue;
      }
      ZipkinSpan publish = publishById.get(messageId);
      if (processById.put(messageId, span) != null) {
        problems.add("second process span for " + messageId);
      } else if (publish == null || !publish.id().equals(span.parentId())
          || !publish.traceId().equals(span.traceId())) {
        problems.add("process span " + span + " is not the child of its publish " + publish);
      }
    }
    assertEquals(MESSAGES, processById.size(), "process spans");
    for (String line : consumed.linesStartingWith("GOT")) {
      String[] parts = line.split(" ");
      ZipkinSpan publish = publishById.get(parts[0]);
      String expected = publish == null ? "?" : "00-" + publish.traceId() + "-" + publish.id();
      if (!parts[1].startsWith(expected + "-")) {
        problems.add("handler of " + parts[0] + " saw traceparent " + parts[1] + ", expected "
            + expected);
      }
    }
    assertEquals(MESSAGES, consumed.linesStartingWith("GOT").size());
    assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())),
        problems.size() + " problem(s)");
    String handlerThreads = consumed.linesStartingWith("HANDLER-THREADS").get(0);
    for (String probe : probes) {
      String thread = probe.split(" ")[1];
      assertTrue(handlerThreads.contains(thread),
          "probe thread " + thread + " never ran a handler (" + handlerThreads + ")");
    }
  }
}
