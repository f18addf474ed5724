package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.ItemSubscriptions;
import io.warren.smoketest.apps.Notifications;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.TraceTree;
import io.warren.smoketest.harness.ZipkinSpan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Vert.x service ({@code smoke-tests/vertx-app-src}, a fat jar on Vert.x 5.0.7 and on 4.5.27)
 * relays messages with Vert.x's RabbitMQ client: its handler, on the consumer's event loop,
 * publishes a follow-on itself, from {@code executeBlocking} code or from a
 * {@code runOnContext} task (round robin), and the client runs every publish and ack on a worker
 * thread through the context's ordered task queue. A traced raw amqp-client producer feeds it, a
 * traced raw consumer (Notifications) takes the follow-ons. Thirty messages arrive at once, so the
 * task queue's runner runs tasks of several messages in a row: each follow-on must still be the
 * child of its own message's process span.
 */
class VertxRabbitIT extends SmokeTestBase {
  private static final int MESSAGES = 30;
  private static final List<String> WAYS = List.of("handler", "blocking", "context");

  @ParameterizedTest(name = "Vert.x {0}")
  @ValueSource(ints = {5, 4})
  void eachFollowOnIsTheChildOfItsOwnMessagesProcessSpanOnTheEventLoop(int major) {
    Relayed run = relay(major, MESSAGES, false);
    Map<String, ZipkinSpan> publishes = spansById(run.producerService, MESSAGES, run.producer);
    // Per message: the handler's process span, the publish of its follow-on and its ack, nothing
    // else. The relay acks once the follow-on is sent: usually after the handler returned, a
    // settle span under the process span; when the ack is faster than the handler (the first,
    // cold message), on the process span itself.
    Map<String, ZipkinSpan> settles = new HashMap<>();
    Map<String, ZipkinSpan> relaySpans = relaySpans(run, MESSAGES, settles);
    Map<String, ZipkinSpan> archived = spansById(run.archiveService, MESSAGES, run.archive);
    Map<String, String[]> logged = loggedIds(run.relay);
    List<String> ways = new ArrayList<>();
    for (int n = 1; n <= MESSAGES; n++) {
      String messageId = run.idPrefix + "-" + n;
      String followOnId = followOnOf(messageId, relaySpans);
      ZipkinSpan publish = publishes.get(messageId);
      ZipkinSpan process = relaySpans.get(messageId);
      ZipkinSpan followOn = relaySpans.get(followOnId);
      ZipkinSpan archive = archived.get(followOnId);
      assertNotNull(process, () -> "no process span of " + messageId + " in\n"
          + Expect.lines(List.copyOf(relaySpans.values())));
      ZipkinSpan settle = settles.get(process.tag("messaging.rabbitmq.message.delivery_tag"));
      int spansInTrace = settle == null ? 4 : 5;
      List<ZipkinSpan> trace = zipkinClient().awaitTrace(publish.traceId(), spansInTrace);
      String[] log = logged.get(messageId);
      assertAll(followOnId + ":\n" + TraceTree.render(trace),
          () -> assertNull(publish.parentId(), "the original publish is the root"),
          () -> Expect.childOf(publish, process),
          () -> Expect.processSpan(process, run.queueIn),
          () -> Expect.childOf(process, followOn),
          () -> Expect.publishSpan(followOn, "", run.queueOut),
          () -> Expect.childOf(followOn, archive),
          () -> Expect.processSpan(archive, run.queueOut),
          () -> {
            if (settle == null) {
              assertEquals("ack", process.tag(SettlementIT.SETTLEMENT),
                  "acked before the handler returned");
            } else {
              Expect.childOf(process, settle);
            }
          },
          () -> assertEquals(spansInTrace, trace.size(), "spans in the trace"),
          () -> assertNotNull(log, "no log line for " + messageId),
          () -> assertEquals(process.traceId() + "|" + process.id(), log[0] + "|" + log[1],
              "the handler's log line carries its process span's ids"),
          () -> assertTrue(log[2].contains("eventloop"), "handler thread " + log[2]));
      ways.add(followOnId.substring(messageId.length() + 1));
    }
    assertTrue(ways.containsAll(WAYS), () -> "every way was used: " + ways);
  }

  /**
   * Proves the test above can fail: with the module switched off, the client module's process
   * span ends on the client's thread and the handler's follow-on starts a trace of its own.
   */
  @Test
  void switchedOffTheFollowOnStartsANewTrace() {
    int messages = 3;
    Relayed run = relay(5, messages, true);
    Map<String, ZipkinSpan> publishes = spansById(run.producerService, messages, run.producer);
    Map<String, ZipkinSpan> relaySpans = relaySpans(run, messages, new HashMap<>());
    for (int n = 1; n <= messages; n++) {
      String messageId = run.idPrefix + "-" + n;
      ZipkinSpan followOn = relaySpans.get(followOnOf(messageId, relaySpans));
      ZipkinSpan process = relaySpans.get(messageId);
      assertAll(messageId,
          () -> Expect.childOf(publishes.get(messageId), process),
          () -> assertNull(followOn.parentId(), "the follow-on is a root: " + followOn),
          () -> assertNotEquals(process.traceId(), followOn.traceId()));
    }
  }

  /** What one run printed, and its names. */
  private record Relayed(String idPrefix, String queueIn, String queueOut, String producerService,
      String relayService, String archiveService, AgentJvm.Result producer, AgentJvm.Result relay,
      AgentJvm.Result archive) {}

  /**
   * Starts the Vert.x relay, publishes {@code messages} to it at once, waits for its follow-ons,
   * then consumes them; checks that every body arrived unchanged at each hop.
   */
  private Relayed relay(int major, int messages, boolean switchedOff) {
    String queueIn = broker.freshQueue("orders");
    String queueOut = broker.freshQueue("shipping");
    String idPrefix = "order-" + id;
    String producerService = "orders-" + id;
    String relayService = "vertx" + major + "-relay-" + id;
    String archiveService = "archive-" + id;

    AgentJvm relayJvm = AgentJvm.jar(vertxJar(major))
        .name(relayService)
        .logDir(logDir)
        .agent(SmokeEnv.agentJar())
        .serviceName(relayService)
        .zipkinEndpoint(zipkin().spansEndpoint())
        .property("otel.bsp.schedule.delay", "200")
        .args("--queue-in=" + queueIn, "--queue-out=" + queueOut, "--count=" + messages,
            "--via=" + String.join(",", WAYS));
    if (switchedOff) {
      relayJvm.property("warren.instrumentation.vertx-rabbitmq.enabled", "false");
    }
    if (Boolean.getBoolean("smoke.warren.debug")) {
      relayJvm.property("warren.debug", "true");
    }
    AgentJvm.Running relaying = relayJvm.start();
    relaying.awaitLine("READY", APP_TIMEOUT);
    AgentJvm.Result producer = Expect.exitedNormally(withAgent(ItemSubscriptions.class,
        producerService).args("--queue=" + queueIn, "--count=" + messages,
        "--id-prefix=" + idPrefix).run(APP_TIMEOUT));
    AgentJvm.Result relayed = Expect.exitedNormally(relaying.awaitExit(APP_TIMEOUT));
    AgentJvm.Result archive = Expect.exitedNormally(withAgent(Notifications.class, archiveService)
        .args("--queue=" + queueOut, "--count=" + messages).run(APP_TIMEOUT));

    Map<String, String> sentBodies = bodies(Expect.sent(producer).stream()
        .map(m -> m.messageId() + " " + m.bodyBase64()).toList());
    assertEquals(sentBodies, bodies(relayed.linesStartingWith("RECEIVED")),
        "bodies the Vert.x handler received vs. sent");
    Map<String, String> followOns = bodies(Expect.received(archive).stream()
        .map(m -> m.messageId() + " " + m.bodyBase64()).toList());
    assertEquals(messages, followOns.size(), "follow-ons received");
    followOns.forEach((followOnId, body) -> assertEquals(
        sentBodies.get(followOnId.substring(0, followOnId.lastIndexOf('-'))), body,
        "body of " + followOnId));
    return new Relayed(idPrefix, queueIn, queueOut, producerService, relayService, archiveService,
        producer, relayed, archive);
  }

  /**
   * The relay's spans: its settle spans into {@code settles} by delivery tag, the process and
   * publish spans returned by message id (exactly one each). Each message's ack is a settle span,
   * or, when it came before the handler returned, the settlement of the process span itself.
   */
  private Map<String, ZipkinSpan> relaySpans(Relayed run, int messages,
      Map<String, ZipkinSpan> settles) {
    List<ZipkinSpan> seen = zipkinClient().awaitSpans(run.relayService, 2 * messages);
    // A process span not seen yet is counted as needing a settle span; once seen settled on
    // itself, one span fewer is awaited.
    int expected = 3 * messages - settledOnProcessSpan(seen);
    for (int attempt = 0; attempt < 3 && seen.size() < expected; attempt++) {
      seen = zipkinClient().awaitSpans(run.relayService, expected);
      expected = 3 * messages - settledOnProcessSpan(seen);
    }
    List<ZipkinSpan> spans = seen;
    int settledOnProcess = settledOnProcessSpan(spans);
    assertEquals(3 * messages - settledOnProcess, spans.size(),
        () -> run.relayService + " spans:\n" + Expect.lines(spans) + "\n" + run.relay.describe());
    List<ZipkinSpan> others = new ArrayList<>();
    for (ZipkinSpan span : spans) {
      if (span.name().startsWith("settle")) {
        settles.put(span.tag("messaging.rabbitmq.message.delivery_tag"), span);
      } else {
        others.add(span);
      }
    }
    assertEquals(messages - settledOnProcess, settles.size(),
        () -> "settle spans in\n" + Expect.lines(spans));
    return Expect.byMessageId(others);
  }

  private static int settledOnProcessSpan(List<ZipkinSpan> spans) {
    return (int) spans.stream()
        .filter(span -> span.name().startsWith("process")
            && span.tag(SettlementIT.SETTLEMENT) != null)
        .count();
  }

  /** The id of the follow-on of {@code messageId}: {@code <id>-<way>}. */
  private static String followOnOf(String messageId, Map<String, ZipkinSpan> relaySpans) {
    return WAYS.stream().map(way -> messageId + "-" + way).filter(relaySpans::containsKey)
        .findFirst().orElseThrow(() -> new AssertionError("no follow-on of " + messageId + " in\n"
            + Expect.lines(List.copyOf(relaySpans.values()))));
  }

  private static Path vertxJar(int major) {
    return Path.of(System.getProperty("smoke.vertx" + major + ".jar",
        "vertx-" + major + "-app/target/vertx-app.jar")).toAbsolutePath().normalize();
  }

  /** {@code <id> <body base64> ...} lines by id. */
  private static Map<String, String> bodies(List<String> lines) {
    return lines.stream().map(line -> line.split(" "))
        .collect(Collectors.toMap(parts -> parts[0], parts -> parts[1]));
  }

  /** The handler's log lines, {@code LOG <trace id>|<span id>|<thread>|relaying <id> via <way>}. */
  private static Map<String, String[]> loggedIds(AgentJvm.Result relay) {
    Map<String, String[]> byMessage = new HashMap<>();
    for (String line : relay.linesStartingWith("LOG")) {
      String[] fields = line.split("\\|", 4);
      String message = fields[3].split(" ")[1];
      byMessage.put(message, fields);
    }
    return byMessage;
  }
}
