package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.warren.smoketest.apps.ItemSubscriptions;
import io.warren.smoketest.apps.Notifications;
import io.warren.smoketest.apps.Puller;
import io.warren.smoketest.apps.Relay;
import io.warren.smoketest.apps.Wire;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.TraceTree;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code warren.messaging.exclude}: exchanges (on publish) and queues (on delivery and basicGet)
 * whose names match one of its globs get no span at all, but the trace context still flows
 * through them: a publish to an excluded exchange still carries the current context in its
 * headers, and the handler of an excluded queue runs in its producer's context (unless
 * {@code warren.messaging.exclude.propagate=false}), so what it publishes stays in the trace.
 * Every test excludes names starting {@code excluded-<id>-}, behind a glob that matches nothing.
 */
class ExclusionIT extends SmokeTestBase {

  private String excludeGlobs() {
    return "nothing-is-named-like-this-*," + excludedPrefix() + "-*";
  }

  private String excludedPrefix() {
    return "excluded-" + id;
  }

  /**
   * orders publishes to an excluded queue; relay (excluding it) consumes it with no span and, in
   * its handler, publishes to a queue that is not excluded; archive consumes that. With
   * propagation the relay's publish is a child of the orders publish; without, it starts a trace.
   */
  @ParameterizedTest(name = "exclude.propagate={0}")
  @ValueSource(booleans = {true, false})
  void anExcludedQueueHasNoSpanAndItsHandlerContinuesTheProducersTrace(boolean propagate) {
    String excludedQueue = broker.freshQueue(excludedPrefix());
    String followOnQueue = broker.freshQueue("follow-on");
    String producerService = "excl-orders-" + id;
    String relayService = "excl-relay-" + id;
    String archiveService = "excl-archive-" + id;
    String prefix = "xq-" + id;

    AgentJvm.Result producer = Expect.exitedNormally(withAgent(ItemSubscriptions.class,
        producerService).args("--queue=" + excludedQueue, "--count=1", "--id-prefix=" + prefix)
        .run(APP_TIMEOUT));
    AgentJvm relayJvm = withAgent(Relay.class, relayService)
        .property("warren.messaging.exclude", excludeGlobs());
    if (!propagate) {
      relayJvm.property("warren.messaging.exclude.propagate", "false");
    }
    AgentJvm.Result relay = Expect.exitedNormally(relayJvm
        .args("--queue=" + excludedQueue, "--to=" + followOnQueue, "--count=1")
        .run(APP_TIMEOUT));
    AgentJvm.Result archive = Expect.exitedNormally(withAgent(Notifications.class,
        archiveService).args("--queue=" + followOnQueue, "--count=1").run(APP_TIMEOUT));
    List<Wire.Message> relayReceived = Expect.received(relay);
    Expect.deliveredUnchanged(Expect.sent(producer), relayReceived);
    Expect.deliveredUnchanged(Expect.sent(relay), Expect.received(archive));

    List<ZipkinSpan> publishes = zipkinClient().awaitSpans(producerService, 1);
    List<ZipkinSpan> archived = zipkinClient().awaitSpans(archiveService, 1);
    // The relay's only span is its publish: nothing for the delivery from the excluded queue.
    List<ZipkinSpan> relaySpans = zipkinClient().awaitSpans(relayService, 1);
    assertEquals(1, publishes.size(), () -> Expect.lines(publishes) + "\n" + producer.describe());
    assertEquals(1, archived.size(), () -> Expect.lines(archived) + "\n" + archive.describe());
    assertEquals(1, relaySpans.size(),
        () -> "only the relay's publish:\n" + Expect.lines(relaySpans) + "\n" + relay.describe());
    ZipkinSpan original = publishes.get(0);
    ZipkinSpan followOn = relaySpans.get(0);
    ZipkinSpan process = archived.get(0);
    System.out.println(TraceTree.render(zipkinClient().trace(original.traceId())));
    assertAll(
        () -> Expect.publishSpan(original, "", excludedQueue),
        () -> Expect.traceparentNames(original,
            Expect.headerText(relayReceived.get(0), "traceparent")),
        () -> Expect.publishSpan(followOn, "", followOnQueue),
        () -> {
          if (propagate) {
            childOf(original, followOn);
          } else {
            assertNull(followOn.parentId(), () -> "a new trace: " + followOn);
            assertNotEquals(original.traceId(), followOn.traceId(), followOn::toString);
          }
        },
        () -> Expect.processSpan(process, followOnQueue),
        () -> childOf(followOn, process));
  }

  /**
   * orders publishes to a queue; relay consumes it (a span) and, in its handler, publishes to an
   * excluded exchange (no span, but the relay's context in the headers); archive consumes from a
   * queue bound to that exchange, as a child of the relay's process span.
   */
  @Test
  void aPublishToAnExcludedExchangeHasNoSpanButCarriesTheTraceContext() {
    String inbound = broker.freshQueue("excl-inbound");
    String exchange = broker.freshExchange(excludedPrefix(), "direct");
    String routingKey = "archive-" + id;
    String sink = broker.freshQueue("excl-sink");
    broker.bind(sink, exchange, routingKey);
    String producerService = "excl-ex-orders-" + id;
    String relayService = "excl-ex-relay-" + id;
    String archiveService = "excl-ex-archive-" + id;
    String prefix = "xe-" + id;

    AgentJvm.Result producer = Expect.exitedNormally(withAgent(ItemSubscriptions.class,
        producerService).args("--queue=" + inbound, "--count=1", "--id-prefix=" + prefix)
        .run(APP_TIMEOUT));
    AgentJvm.Result relay = Expect.exitedNormally(withAgent(Relay.class, relayService)
        .property("warren.messaging.exclude", excludeGlobs())
        .args("--queue=" + inbound, "--exchange=" + exchange, "--to=" + routingKey,
            "--count=1")
        .run(APP_TIMEOUT));
    AgentJvm.Result archive = Expect.exitedNormally(withAgent(Notifications.class,
        archiveService).args("--queue=" + sink, "--count=1").run(APP_TIMEOUT));
    List<Wire.Message> archiveReceived = Expect.received(archive);
    Expect.deliveredUnchanged(Expect.sent(producer), Expect.received(relay));
    Expect.deliveredUnchanged(Expect.sent(relay), archiveReceived);

    List<ZipkinSpan> publishes = zipkinClient().awaitSpans(producerService, 1);
    List<ZipkinSpan> archived = zipkinClient().awaitSpans(archiveService, 1);
    // The relay's only span is its process span: nothing for the publish to the excluded exchange.
    List<ZipkinSpan> relaySpans = zipkinClient().awaitSpans(relayService, 1);
    assertEquals(1, publishes.size(), () -> Expect.lines(publishes) + "\n" + producer.describe());
    assertEquals(1, archived.size(), () -> Expect.lines(archived) + "\n" + archive.describe());
    assertEquals(1, relaySpans.size(),
        () -> "only the relay's process span:\n" + Expect.lines(relaySpans) + "\n"
            + relay.describe());
    ZipkinSpan original = publishes.get(0);
    ZipkinSpan relayed = relaySpans.get(0);
    ZipkinSpan process = archived.get(0);
    System.out.println(TraceTree.render(zipkinClient().trace(original.traceId())));
    assertAll(
        () -> Expect.publishSpan(original, "", inbound),
        () -> Expect.processSpan(relayed, inbound),
        () -> childOf(original, relayed),
        () -> Expect.traceparentNames(relayed,
            Expect.headerText(archiveReceived.get(0), "traceparent")),
        () -> Expect.rabbitSpan(process, "CONSUMER", "process " + sink, exchange, routingKey),
        () -> childOf(relayed, process));
  }

  /** basicGet from an excluded queue: the message as usual, and no span. */
  @Test
  void basicGetFromAnExcludedQueueHasNoSpan() {
    String excludedQueue = broker.freshQueue(excludedPrefix());
    String emptyQueue = broker.freshQueue("excl-empty");
    String producerService = "excl-get-producer-" + id;
    String pullerService = "excl-puller-" + id;

    AgentJvm.Result producer = Expect.exitedNormally(withAgent(ItemSubscriptions.class,
        producerService).args("--queue=" + excludedQueue, "--count=1", "--id-prefix=xg-" + id)
        .run(APP_TIMEOUT));
    AgentJvm.Result puller = Expect.exitedNormally(withAgent(Puller.class, pullerService)
        .property("warren.messaging.exclude", excludeGlobs())
        .args("--queue=" + excludedQueue, "--empty-queue=" + emptyQueue).run(APP_TIMEOUT));
    Expect.deliveredUnchanged(Expect.sent(producer), Expect.received(puller));

    List<ZipkinSpan> publishes = zipkinClient().awaitSpans(producerService, 1);
    assertEquals(1, publishes.size(), () -> Expect.lines(publishes) + "\n" + producer.describe());
    // The puller exited after sending what it held (the agent's exit flush waits for Zipkin's
    // answer, which comes once the spans are stored): a receive span would be there already.
    List<ZipkinSpan> receives = zipkinClient().spansOf(pullerService);
    assertEquals(List.of(), receives, () -> "no span for a get from an excluded queue\n"
        + puller.describe());
  }
}
