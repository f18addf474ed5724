package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.warren.smoketest.apps.B3Producer;
import io.warren.smoketest.apps.ItemSubscriptions;
import io.warren.smoketest.apps.Notifications;
import io.warren.smoketest.apps.Relay;
import io.warren.smoketest.apps.Wire;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.TraceTree;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Other header formats: B3 multi-header on both sides, a hand-written b3 header, and the
 * OpenTracing headers across two hops.
 */
class PropagationIT extends SmokeTestBase {

  @Test
  void b3multiOnBothSides() {
    String queue = broker.freshQueue("b3multi");
    String producerService = "b3multi-producer-" + id;
    String consumerService = "b3multi-consumer-" + id;

    AgentJvm.Result producer = Expect.exitedNormally(withAgent(ItemSubscriptions.class,
        producerService).property("otel.propagators", "b3multi")
        .args("--queue=" + queue, "--count=1", "--id-prefix=m-" + id).run(APP_TIMEOUT));
    AgentJvm.Result consumer = Expect.exitedNormally(withAgent(Notifications.class,
        consumerService).property("otel.propagators", "b3multi")
        .args("--queue=" + queue, "--count=1").run(APP_TIMEOUT));
    List<Wire.Message> received = Expect.received(consumer);
    Expect.deliveredUnchanged(Expect.sent(producer), received);

    List<ZipkinSpan> publishes = zipkinClient().awaitSpans(producerService, 1);
    List<ZipkinSpan> processes = zipkinClient().awaitSpans(consumerService, 1);
    assertEquals(1, publishes.size(), () -> Expect.lines(publishes) + "\n" + producer.describe());
    assertEquals(1, processes.size(), () -> Expect.lines(processes) + "\n" + consumer.describe());
    ZipkinSpan publish = publishes.get(0);
    Wire.Message message = received.get(0);
    assertAll(
        () -> childOf(publish, processes.get(0)),
        () -> assertEquals(publish.traceId(), Expect.headerText(message, "X-B3-TraceId")),
        () -> assertEquals(publish.id(), Expect.headerText(message, "X-B3-SpanId")),
        () -> assertNull(Expect.headerText(message, "traceparent"),
            "no traceparent header with b3multi"));
  }

  @Test
  void consumerContinuesATraceFromAHandWrittenB3Header() {
    String queue = broker.freshQueue("b3");
    String consumerService = "b3-consumer-" + id;
    HexFormat hex = HexFormat.of();
    String traceId = hex.formatHex(randomBytes(16));
    String spanId = hex.formatHex(randomBytes(8));

    AgentJvm.Result producer = Expect.exitedNormally(withoutAgent(B3Producer.class)
        .name("b3-producer-no-agent")
        .args("--queue=" + queue, "--b3=" + traceId + "-" + spanId + "-1", "--id-prefix=b-" + id)
        .run(APP_TIMEOUT));
    AgentJvm.Result consumer = Expect.exitedNormally(withAgent(Notifications.class,
        consumerService).property("otel.propagators", "b3")
        .args("--queue=" + queue, "--count=1").run(APP_TIMEOUT));
    Expect.deliveredUnchanged(Expect.sent(producer), Expect.received(consumer));

    List<ZipkinSpan> trace = zipkinClient().awaitTrace(traceId, 1);
    assertEquals(1, trace.size(), () -> "trace " + traceId + ":\n" + Expect.lines(trace)
        + "\n" + consumer.describe());
    ZipkinSpan process = trace.get(0);
    assertAll(
        () -> assertEquals(consumerService, process.localServiceName()),
        () -> assertEquals(traceId, process.traceId()),
        () -> assertEquals(spanId, process.parentId()),
        () -> Expect.processSpan(process, queue),
        () -> assertEquals("b-" + id + "-1", process.tag("messaging.message.id")));
  }

  /**
   * The OpenTracing headers carry 64 bits of the trace id: with ottrace alone, Warren makes
   * 64-bit trace ids, so a chain orders -> relay -> archive stays one trace.
   */
  @Test
  void ottraceAloneKeepsATwoHopChainInOneTrace() {
    String queueA = broker.freshQueue("ot-orders");
    String queueB = broker.freshQueue("ot-archive");
    String serviceA = "ot-orders-" + id;
    String serviceB = "ot-relay-" + id;
    String serviceC = "ot-archive-" + id;

    AgentJvm.Result a = Expect.exitedNormally(withAgent(ItemSubscriptions.class, serviceA)
        .property("otel.propagators", "ottrace")
        .args("--queue=" + queueA, "--count=1", "--id-prefix=ot-" + id).run(APP_TIMEOUT));
    AgentJvm.Result b = Expect.exitedNormally(withAgent(Relay.class, serviceB)
        .property("otel.propagators", "ottrace")
        .args("--queue=" + queueA, "--to=" + queueB, "--count=1").run(APP_TIMEOUT));
    AgentJvm.Result c = Expect.exitedNormally(withAgent(Notifications.class, serviceC)
        .property("otel.propagators", "ottrace")
        .args("--queue=" + queueB, "--count=1").run(APP_TIMEOUT));
    Expect.deliveredUnchanged(Expect.sent(a), Expect.received(b));
    Expect.deliveredUnchanged(Expect.sent(b), Expect.received(c));
    assertNull(Expect.headerText(Expect.received(c).get(0), "traceparent"), "ottrace only");

    List<ZipkinSpan> archived = zipkinClient().awaitSpans(serviceC, 1);
    assertEquals(1, archived.size(), () -> Expect.lines(archived) + "\n" + c.describe());
    List<ZipkinSpan> trace = zipkinClient().awaitTrace(archived.get(0).traceId(), 4);
    assertEquals(4, trace.size(), () -> "one trace for the chain:\n" + TraceTree.render(trace)
        + "\nA: " + Expect.lines(zipkinClient().spansOf(serviceA)));
    ZipkinSpan aPublish = Expect.only(trace,
        s -> serviceA.equals(s.localServiceName()), "publish by " + serviceA);
    ZipkinSpan bProcess = Expect.only(trace,
        s -> serviceB.equals(s.localServiceName()) && "CONSUMER".equals(s.kind()), "process");
    ZipkinSpan bPublish = Expect.only(trace,
        s -> serviceB.equals(s.localServiceName()) && "PRODUCER".equals(s.kind()), "publish");
    assertAll(TraceTree.render(trace),
        () -> childOf(aPublish, bProcess),
        () -> childOf(bProcess, bPublish),
        () -> childOf(bPublish, archived.get(0)));
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    do {
      ThreadLocalRandom.current().nextBytes(bytes);
    } while (bytes[0] == 0); // keep ids clear of the all-zero (invalid) value and leading zeros
    return bytes;
  }
}
