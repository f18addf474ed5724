package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.warren.smoketest.apps.FuzzProducer;
import io.warren.smoketest.apps.Notifications;
import io.warren.smoketest.apps.Wire;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinBulk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of message properties: every field-table type, null and immutable headers, and
 * broken, oversized or mistyped trace-context headers. With the agent on both sides each message
 * arrives with the same body and the same user headers, nothing throws, and every publish and
 * every delivery has a span. Re-run a failure with {@code -Dsmoke.fuzz.seed=<seed>}.
 */
@Tag("long")
class HeaderFuzzIT extends SmokeTestBase {
  private static final int MESSAGES = Integer.getInteger("smoke.fuzz.messages", 10_000);
  /**
   * Headers the configured propagators (tracecontext, baggage) may add or replace, and the
   * publish time Warren adds.
   */
  private static final Set<String> AGENT_HEADERS =
      Set.of("traceparent", "tracestate", "baggage", "x-warren-published-at");

  @Test
  void fuzzedHeadersArriveUnchangedAndAreTraced() {
    long seed = Long.getLong("smoke.fuzz.seed", System.nanoTime());
    System.out.println("HeaderFuzzIT seed " + seed + " (re-run with -Dsmoke.fuzz.seed=" + seed
        + ")");
    String queue = broker.freshQueue("fuzz");
    String producerService = "fuzz-producer-" + id;
    String consumerService = "fuzz-consumer-" + id;

    AgentJvm.Running consumer = withAgent(Notifications.class, consumerService)
        .args("--queue=" + queue, "--count=" + MESSAGES, "--timeout-seconds=300").start();
    AgentJvm.Result producer = Expect.exitedNormally(withAgent(FuzzProducer.class,
        producerService).args("--queue=" + queue, "--count=" + MESSAGES, "--seed=" + seed,
            "--id-prefix=fz-" + id).run(Duration.ofMinutes(5)));
    AgentJvm.Result consumed = Expect.exitedNormally(consumer.awaitExit(Duration.ofMinutes(5)));

    List<Wire.Message> sent = Expect.sent(producer);
    List<Wire.Message> received = Expect.received(consumed);
    assertEquals(MESSAGES, sent.size(), "seed " + seed);
    compare(seed, sent, received);
    for (AgentJvm.Result app : List.of(producer, consumed)) {
      assertEquals(List.of(), AgentLog.warnings(app), "seed " + seed + ": " + app.name());
      assertEquals(List.of(), AgentLog.exceptions(app), "seed " + seed + ": " + app.name());
    }

    ZipkinBulk zipkin = new ZipkinBulk(zipkin().baseUrl());
    Duration wait = Duration.ofSeconds(60);
    // Both JVMs have exited, each after sending what it held (the agent's exit flush waits for
    // Zipkin's answer, which comes once the spans are stored): a span too many is there already.
    Duration settle = Duration.ZERO;
    assertEquals(MESSAGES, zipkin.awaitSpans(producerService, MESSAGES, wait, settle).size(),
        "publish spans, seed " + seed);
    assertEquals(MESSAGES, zipkin.awaitSpans(consumerService, MESSAGES, wait, settle).size(),
        "process spans, seed " + seed);
    System.out.println("HeaderFuzzIT checked " + MESSAGES + " messages, seed " + seed);
  }

  /** Matches messages by id (by body when the properties were null) and compares each. */
  private static void compare(long seed, List<Wire.Message> sent, List<Wire.Message> received) {
    Map<String, List<Wire.Message>> arrived = new HashMap<>();
    for (Wire.Message message : received) {
      arrived.computeIfAbsent(key(message), k -> new ArrayList<>()).add(message);
    }
    for (Wire.Message expected : sent) {
      List<Wire.Message> matches = arrived.getOrDefault(key(expected), List.of());
      if (matches.isEmpty()) {
        fail("seed " + seed + ": never received\n  " + expected);
      }
      Wire.Message actual = matches.remove(0);
      Wire.Message userSent = expected.withoutHeaders(AGENT_HEADERS::contains);
      Wire.Message userReceived = actual.withoutHeaders(AGENT_HEADERS::contains);
      if (!userSent.equals(userReceived)) {
        fail("seed " + seed + ": message changed on the way\n  sent     " + userSent
            + "\n  received " + userReceived);
      }
    }
    arrived.values().stream().flatMap(List::stream).findFirst().ifPresent(extra ->
        fail("seed " + seed + ": received but never sent (or twice)\n  " + extra));
  }

  private static String key(Wire.Message message) {
    return message.messageId() != null ? message.messageId() : message.bodyBase64();
  }
}
