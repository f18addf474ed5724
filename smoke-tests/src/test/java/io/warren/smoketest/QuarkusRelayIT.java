package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.ItemSubscriptions;
import io.warren.smoketest.apps.Sabotaged;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.Pause;
import io.warren.smoketest.harness.ZipkinSpan;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Quarkus Messaging RabbitMQ relay ({@code smoke-tests/quarkus-app}: {@code @Incoming} ->
 * {@code @Outgoing}, Quarkus 3.33, SmallRye's connector on the Vert.x RabbitMQ client) started
 * cold with three messages waiting: its connector opens the outgoing connection on the first
 * message, and the other two are sent once it is open. Each relayed publish must still be the
 * child of its own message's {@code process} span, in that message's trace (issue 27 item 2).
 * SmallRye's connector hands the messages between threads in batches (its incoming stream's
 * {@code emitOn}, an ordered blocking method run from the completion of the one before, the
 * sender's wait for its lazily opened connection in a memoized {@code Uni}); the
 * smallrye-rabbitmq module follows each delivery's context with the message instead.
 */
class QuarkusRelayIT extends SmokeTestBase {

  private static final int MESSAGES = 3;

  @Test
  void eachMessageRelayedWhileTheRelayConnectsIsPublishedUnderItsOwnMessage() {
    String queueIn = broker.freshQueue("orders");
    String exchangeOut = broker.freshExchange("shipping", "fanout");
    String queueOut = broker.freshQueue("shipped");
    broker.bind(queueOut, exchangeOut, "");
    String idPrefix = "order-" + id;
    String producerService = "orders-" + id;
    String relayService = "quarkus-relay-" + id;

    // All three wait in the queue before the relay starts, so it takes them at once.
    Expect.exitedNormally(withAgent(ItemSubscriptions.class, producerService)
        .args("--queue=" + queueIn, "--count=" + MESSAGES, "--id-prefix=" + idPrefix)
        .run(APP_TIMEOUT));
    AgentJvm.Running relay = AgentJvm.jar(quarkusJar())
        .name(relayService)
        .logDir(logDir)
        .agent(SmokeEnv.agentJar())
        .serviceName(relayService)
        .zipkinEndpoint(zipkin().spansEndpoint())
        .property("otel.bsp.schedule.delay", "200")
        .property("orders.queue", queueIn)
        .property("shipping.exchange", exchangeOut)
        .start();
    List<ZipkinSpan> spans;
    try {
      awaitMessages(queueOut, relay);
      // A process and a publish span per message; settle spans may come too.
      spans = zipkinClient().awaitSpans(relayService, 2 * MESSAGES);
    } finally {
      relay.kill();
    }

    Map<String, ZipkinSpan> published =
        Expect.byMessageId(zipkinClient().awaitSpans(producerService, MESSAGES));
    List<ZipkinSpan> relayPublishes =
        spans.stream().filter(s -> "PRODUCER".equals(s.kind())).toList();
    assertEquals(MESSAGES, relayPublishes.size(), () -> Expect.lines(spans));
    for (int n = 1; n <= MESSAGES; n++) {
      String messageId = idPrefix + "-" + n;
      ZipkinSpan process = Expect.only(spans,
          s -> s.name().startsWith("process") && messageId.equals(s.tag("messaging.message.id")),
          "process span of " + messageId);
      List<ZipkinSpan> children =
          relayPublishes.stream().filter(s -> process.id().equals(s.parentId())).toList();
      assertAll(messageId,
          () -> Expect.childOf(published.get(messageId), process),
          () -> assertEquals(1, children.size(),
              () -> "one relayed publish under " + process + " in\n" + Expect.lines(spans)),
          () -> assertEquals(process.traceId(), children.get(0).traceId()));
    }
  }

  @Test
  void aFailingTracerChangesNothingTheRelayDoes() {
    String queueIn = broker.freshQueue("orders-fail");
    String exchangeOut = broker.freshExchange("shipping-fail", "fanout");
    String queueOut = broker.freshQueue("shipped-fail");
    broker.bind(queueOut, exchangeOut, "");
    Expect.exitedNormally(withoutAgent(ItemSubscriptions.class)
        .args("--queue=" + queueIn, "--count=" + MESSAGES, "--id-prefix=order-" + id)
        .run(APP_TIMEOUT));

    // The relay's own main class, run by Sabotaged once it has replaced the agent's tracer with
    // one that fails at every call: the uber-jar first, so its libraries win.
    String relayService = "quarkus-sabotaged-" + id;
    AgentJvm.Running relay = AgentJvm.app(Sabotaged.class.getName())
        .name(relayService)
        .logDir(logDir)
        .classpath(quarkusJar() + File.pathSeparator + Path.of("target/classes").toAbsolutePath()
            + File.pathSeparator + SmokeEnv.testKitClasspath())
        .option("--add-opens=java.base/java.lang=ALL-UNNAMED")
        .agent(SmokeEnv.agentJar())
        .serviceName(relayService)
        .zipkinEndpoint(zipkin().spansEndpoint())
        .property("orders.queue", queueIn)
        .property("shipping.exchange", exchangeOut)
        // On a loaded machine Vert.x warns, with a stack trace, of an event loop busy over 2 s
        // while the relay starts: not the failure this test looks for.
        .property("quarkus.vertx.max-event-loop-execute-time", "20s")
        .args("--main=io.quarkus.runner.GeneratedMain")
        .start();
    AgentJvm.Result result;
    try {
      awaitMessages(queueOut, relay);
    } finally {
      relay.kill();
      result = relay.awaitExit(APP_TIMEOUT);
    }

    List<String> bodies = new ArrayList<>();
    for (int n = 0; n < MESSAGES; n++) {
      bodies.add(new String(broker.get(queueOut).getBody(), StandardCharsets.UTF_8));
    }
    assertAll(
        () -> assertTrue(result.stdout().contains("SABOTAGED"), "tracer installed"),
        () -> assertTrue(bodies.stream().allMatch(body -> body.endsWith(" shipped")),
            () -> "relayed as without the agent: " + bodies),
        () -> assertFalse(AgentLog.containing(result, "tracing failed").isEmpty(),
            () -> "the agent did not report the failures\n" + result.describe()),
        () -> assertEquals(List.of(), AgentLog.exceptions(result)));
  }

  /** Waits until the relay has sent every message on, or fails with its output. */
  private void awaitMessages(String queue, AgentJvm.Running relay) {
    long deadline = System.nanoTime() + APP_TIMEOUT.toNanos();
    while (broker.messageCount(queue) < MESSAGES) {
      if (!relay.isAlive() || System.nanoTime() - deadline > 0) {
        throw new AssertionError("the relay did not send " + MESSAGES + " messages on; it printed:\n"
            + String.join("\n", relay.stdoutLines()));
      }
      Pause.millis(100);
    }
  }

  private static Path quarkusJar() {
    return Path.of(System.getProperty("smoke.quarkus.jar", "quarkus-app/target/quarkus-app.jar"))
        .toAbsolutePath().normalize();
  }
}
