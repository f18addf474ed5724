package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.warren.smoketest.apps.ItemSubscriptions;
import io.warren.smoketest.apps.Notifications;
import io.warren.smoketest.apps.Relay;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.TraceTree;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * orders publishes to queue A; relay consumes A and, inside its handler, publishes to queue B;
 * archive consumes B. Each message makes one trace: A publish → B process → B publish → C process.
 */
class ThreeServiceChainIT extends SmokeTestBase {
  private static final int MESSAGES = 2;

  @Test
  void publishInsideHandlerContinuesTheTrace() {
    String queueA = broker.freshQueue("orders");
    String queueB = broker.freshQueue("archive");
    String serviceA = "orders-" + id;
    String serviceB = "relay-" + id;
    String serviceC = "archive-" + id;

    AgentJvm.Result a = Expect.exitedNormally(withAgent(ItemSubscriptions.class, serviceA)
        .args("--queue=" + queueA, "--count=" + MESSAGES, "--id-prefix=order-" + id)
        .run(APP_TIMEOUT));
    AgentJvm.Running b = withAgent(Relay.class, serviceB)
        .args("--queue=" + queueA, "--to=" + queueB, "--count=" + MESSAGES).start();
    AgentJvm.Running c = withAgent(Notifications.class, serviceC)
        .args("--queue=" + queueB, "--count=" + MESSAGES).start();
    AgentJvm.Result relayed = Expect.exitedNormally(b.awaitExit(APP_TIMEOUT));
    AgentJvm.Result archived = Expect.exitedNormally(c.awaitExit(APP_TIMEOUT));
    Expect.deliveredUnchanged(Expect.sent(a), Expect.received(relayed));
    Expect.deliveredUnchanged(Expect.sent(relayed), Expect.received(archived));

    List<ZipkinSpan> archiveSpans = zipkinClient().awaitSpans(serviceC, MESSAGES);
    assertEquals(MESSAGES, archiveSpans.size(),
        () -> "archive spans:\n" + Expect.lines(archiveSpans) + "\n" + archived.describe());
    Map<String, ZipkinSpan> byId = Expect.byMessageId(archiveSpans);

    for (int n = 1; n <= MESSAGES; n++) {
      ZipkinSpan cProcess = byId.get("order-" + id + "-" + n + "-relayed");
      List<ZipkinSpan> trace = zipkinClient().awaitTrace(cProcess.traceId(), 4);
      System.out.println(TraceTree.render(trace));
      assertEquals(4, trace.size(), () -> "trace:\n" + TraceTree.render(trace));
      ZipkinSpan aPublish = Expect.only(trace,
          s -> serviceA.equals(s.localServiceName()), "publish by " + serviceA);
      ZipkinSpan bProcess = Expect.only(trace,
          s -> serviceB.equals(s.localServiceName()) && "CONSUMER".equals(s.kind()),
          "process by " + serviceB);
      ZipkinSpan bPublish = Expect.only(trace,
          s -> serviceB.equals(s.localServiceName()) && "PRODUCER".equals(s.kind()),
          "publish by " + serviceB);
      assertAll("trace of message " + n + ":\n" + TraceTree.render(trace),
          () -> assertNull(aPublish.parentId(), "A publish is the root"),
          () -> childOf(aPublish, bProcess),
          () -> childOf(bProcess, bPublish),
          () -> childOf(bPublish, cProcess),
          () -> Expect.publishSpan(aPublish, "", queueA),
          () -> Expect.processSpan(bProcess, queueA),
          () -> Expect.publishSpan(bPublish, "", queueB),
          () -> Expect.processSpan(cProcess, queueB));
    }
  }
}
