package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.HandOffRelay;
import io.warren.smoketest.apps.ItemSubscriptions;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.TraceTree;
import io.warren.smoketest.harness.ZipkinSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A raw amqp-client handler hands the publish of its follow-on message to another thread (a
 * fixed thread pool, a CompletableFuture chain, a virtual thread) and returns: each follow-on is
 * in the original message's trace, a child of the handler's process span, as if the handler had
 * published it itself.
 */
class ThreadHandOffIT extends SmokeTestBase {

  @Test
  void followOnsPublishedFromAPoolAndACompletableFutureStayInTheTrace() {
    relay(null, List.of("pool", "future"));
  }

  @Test
  void followOnsPublishedFromAVirtualThreadStayInTheTraceOnJdk25() {
    Path java25 = SmokeEnv.java25();
    assertTrue(Files.isExecutable(java25), "JDK 25 java not found at " + java25
        + " (set -Dsmoke.java25=...)");
    relay(java25, List.of("pool", "future", "virtual"));
  }

  private void relay(Path java, List<String> ways) {
    int messages = ways.size() * 2;
    String queue = broker.freshQueue("orders");
    String followOns = broker.freshQueue("shipping");
    String producerService = "orders-" + id;
    String relayService = "hand-off-relay-" + id;
    String idPrefix = "order-" + id;

    AgentJvm relayJvm = withAgent(HandOffRelay.class, relayService).args("--queue=" + queue,
        "--to=" + followOns, "--via=" + String.join(",", ways), "--count=" + messages);
    AgentJvm producerJvm = withAgent(ItemSubscriptions.class, producerService)
        .args("--queue=" + queue, "--count=" + messages, "--id-prefix=" + idPrefix);
    if (java != null) {
      relayJvm.java(java);
      producerJvm.java(java);
    }
    AgentJvm.Running relaying = relayJvm.start();
    AgentJvm.Result producer = Expect.exitedNormally(producerJvm.run(APP_TIMEOUT));
    AgentJvm.Result relayed = Expect.exitedNormally(relaying.awaitExit(APP_TIMEOUT));
    Expect.deliveredUnchanged(Expect.sent(producer), Expect.received(relayed));

    Map<String, ZipkinSpan> publishes = spansById(producerService, messages, producer);
    // Per message: the relay's process span and the publish of its follow-on.
    Map<String, ZipkinSpan> relaySpans = spansById(relayService, 2 * messages, relayed);
    List<String> checked = new ArrayList<>();
    for (int n = 1; n <= messages; n++) {
      String messageId = idPrefix + "-" + n;
      ZipkinSpan publish = publishes.get(messageId);
      ZipkinSpan process = relaySpans.get(messageId);
      String way = ways.stream().filter(w -> relaySpans.containsKey(messageId + "-" + w))
          .findFirst().orElseThrow(() -> new AssertionError("no follow-on of " + messageId
              + " in:\n" + Expect.lines(List.copyOf(relaySpans.values()))));
      ZipkinSpan followOn = relaySpans.get(messageId + "-" + way);
      List<ZipkinSpan> trace = zipkinClient().awaitTrace(publish.traceId(), 3);
      System.out.println(way + ":\n" + TraceTree.render(trace));
      assertAll(messageId + " (follow-on from " + way + "):\n" + TraceTree.render(trace),
          () -> assertNull(publish.parentId(), "the original publish is the root"),
          () -> Expect.childOf(publish, process),
          () -> Expect.processSpan(process, queue),
          () -> Expect.childOf(process, followOn),
          () -> Expect.publishSpan(followOn, "", followOns),
          () -> assertEquals(3, trace.size()));
      checked.add(way);
    }
    assertEquals(ways.size() * 2L, checked.size());
    assertTrue(checked.containsAll(ways), () -> "every way was used: " + checked);
  }
}
