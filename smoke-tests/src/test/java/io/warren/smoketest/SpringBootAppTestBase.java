package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.GetResponse;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.Pause;
import io.warren.smoketest.harness.TraceTree;
import io.warren.smoketest.harness.ZipkinClient;
import io.warren.smoketest.harness.ZipkinSpan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Spring AMQP sample application ({@code smoke-tests/spring-app-src}), run as a real Spring
 * Boot fat jar ({@code java -javaagent:... -jar spring-app.jar --app.role=...}) with the agent;
 * one subclass per Spring Boot version. Each role is a separate JVM; every test uses its own
 * queues and service names, and reads what the shared Zipkin recorded.
 */
abstract class SpringBootAppTestBase extends SmokeTestBase {
  /** Relay's sleep in its listener: its process span lasts at least this long. */
  private static final long RELAY_SLEEP_MS = 300;

  /** The fat jar of the Spring Boot version under test. */
  abstract Path appJar();

  /** Short tag for service names, such as {@code boot3}. */
  abstract String boot();

  /** @param version as in the app module's folder name: {@code 3}, {@code 4}, {@code 4.1} */
  static Path bootJar(String version) {
    String property = "smoke.spring" + version + ".jar";
    return Path.of(System.getProperty(property,
        "spring-boot-" + version + "-app/target/spring-app.jar")).toAbsolutePath().normalize();
  }

  /** The app in {@code role} with the agent, reporting as {@code service} (none: not set). */
  AgentJvm spring(String role, String service) {
    AgentJvm jvm = AgentJvm.jar(appJar())
        .name(service == null ? role + "-" + id : service)
        .logDir(logDir)
        .agent(SmokeEnv.agentJar())
        .zipkinEndpoint(zipkin().spansEndpoint())
        .property("otel.bsp.schedule.delay", "200")
        .args("--app.role=" + role, "--app.timeout-ms=60000");
    if (service != null) {
      jvm.serviceName(service);
    }
    if (Boolean.getBoolean("smoke.warren.debug")) {
      jvm.property("warren.debug", "true");
    }
    return jvm;
  }

  String service(String name) {
    return name + "-" + boot() + "-" + id;
  }

  /** Started by this test and not yet awaited: killed after the test if still running. */
  private final List<AgentJvm.Running> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    started.stream().filter(AgentJvm.Running::isAlive).forEach(AgentJvm.Running::kill);
  }

  AgentJvm.Running launch(AgentJvm jvm) {
    AgentJvm.Running running = jvm.start();
    started.add(running);
    return running;
  }

  /** Starts the app and waits until its listeners run (it printed READY). */
  AgentJvm.Running startReady(AgentJvm jvm) {
    AgentJvm.Running running = launch(jvm);
    running.awaitLine("READY", APP_TIMEOUT);
    return running;
  }

  static AgentJvm.Result exited(AgentJvm.Running running) {
    return Expect.exitedNormally(running.awaitExit(APP_TIMEOUT));
  }

  static List<String> ids(String prefix, int count) {
    return IntStream.rangeClosed(1, count).mapToObj(n -> prefix + "-" + n).toList();
  }

  /** Exactly {@code count} spans of {@code service} (fewer after the timeout, or more, fail). */
  List<ZipkinSpan> spans(String service, int count, AgentJvm.Result app) {
    List<ZipkinSpan> spans = zipkinClient().awaitSpans(service, count);
    assertEquals(count, spans.size(),
        () -> service + " spans:\n" + Expect.lines(spans) + "\n" + app.describe());
    return spans;
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void threeServiceChain() {
    chain(null);
  }

  @Test
  void threeServiceChainOnJdk25() {
    Path java25 = SmokeEnv.java25();
    assertTrue(Files.isExecutable(java25), "JDK 25 java not found at " + java25
        + " (set -Dsmoke.java25=...)");
    chain(java25);
  }

  /**
   * sender (A) → queue X → relay (B: @RabbitListener, simple container, sleeps, sends on through a
   * direct exchange) → queue Y → sink (C: @RabbitListener, direct container). One trace per
   * message: A publish → B process → B publish → C process.
   */
  private void chain(Path java) {
    int messages = 3;
    String queueX = broker.freshQueue("spring-orders");
    String queueY = broker.freshQueue("spring-archive");
    String exchange = broker.freshExchange("spring-relay", "direct");
    broker.bind(queueY, exchange, queueY);
    String serviceA = service("sender");
    String serviceB = service("relay");
    String serviceC = service("sink");
    String prefix = "chain-" + id;

    AgentJvm relayJvm = spring("relay", serviceB).args("--app.in=" + queueX,
        "--app.exchange=" + exchange, "--app.out=" + queueY, "--app.count=" + messages,
        "--app.sleep-ms=" + RELAY_SLEEP_MS);
    AgentJvm sinkJvm = spring("sink", serviceC).args("--app.in=" + queueY,
        "--app.count=" + messages);
    AgentJvm senderJvm = spring("sender", serviceA).args("--app.out=" + queueX,
        "--app.count=" + messages, "--app.id-prefix=" + prefix);
    if (java != null) {
      relayJvm.java(java);
      sinkJvm.java(java);
      senderJvm.java(java);
    }
    AgentJvm.Running relayRun = launch(relayJvm);
    AgentJvm.Running sinkRun = launch(sinkJvm);
    relayRun.awaitLine("READY", APP_TIMEOUT);
    sinkRun.awaitLine("READY", APP_TIMEOUT);
    AgentJvm.Result sender = Expect.exitedNormally(senderJvm.run(APP_TIMEOUT));
    AgentJvm.Result relay = exited(relayRun);
    AgentJvm.Result sink = exited(sinkRun);
    List<String> sent = ids(prefix, messages);
    List<String> relayed = sent.stream().map(m -> m + "-relayed").toList();
    assertEquals(sent, SpringExpect.ids(sender, "SENT"), sender::describe);
    assertEquals(sent, SpringExpect.ids(relay, "RECEIVED"), relay::describe);
    assertEquals(relayed, SpringExpect.ids(sink, "RECEIVED").stream().sorted().toList(),
        sink::describe);

    spans(serviceA, messages, sender);
    spans(serviceB, 2 * messages, relay); // one process and one publish per message
    Map<String, ZipkinSpan> sinkProcesses =
        SpringExpect.consumerSpansById(spans(serviceC, messages, sink));
    for (String messageId : sent) {
      ZipkinSpan cProcess = sinkProcesses.get(messageId + "-relayed");
      assertNotNull(cProcess, () -> "no sink span for " + messageId + ": " + sinkProcesses);
      List<ZipkinSpan> trace = zipkinClient().awaitTrace(cProcess.traceId(), 4);
      String tree = TraceTree.render(trace);
      System.out.println(tree);
      assertEquals(4, trace.size(), () -> "trace of " + messageId + ":\n" + tree);
      ZipkinSpan aPublish = Expect.only(trace,
          s -> serviceA.equals(s.localServiceName()), "publish by " + serviceA);
      ZipkinSpan bProcess = Expect.only(trace,
          s -> serviceB.equals(s.localServiceName()) && "CONSUMER".equals(s.kind()),
          "process by " + serviceB);
      ZipkinSpan bPublish = Expect.only(trace,
          s -> serviceB.equals(s.localServiceName()) && "PRODUCER".equals(s.kind()),
          "publish by " + serviceB);
      assertAll("trace of " + messageId + ":\n" + tree,
          () -> assertNull(aPublish.parentId(), "A publish is the root"),
          () -> childOf(aPublish, bProcess),
          () -> childOf(bProcess, bPublish),
          () -> childOf(bPublish, cProcess),
          () -> SpringExpect.publishSpan(aPublish, "", queueX),
          () -> SpringExpect.processSpan(bProcess, queueX),
          () -> SpringExpect.publishSpan(bPublish, exchange, queueY),
          () -> SpringExpect.processSpan(cProcess, queueY),
          () -> assertEquals(messageId, aPublish.tag("messaging.message.id")),
          () -> assertEquals(messageId, bProcess.tag("messaging.message.id")),
          () -> assertTrue(bProcess.duration() >= RELAY_SLEEP_MS * 1000,
              () -> "the relay's process span (" + bProcess.duration() + " µs) covers its "
                  + RELAY_SLEEP_MS + " ms listener: " + bProcess));
    }
  }

  @Test
  void batchListenerOfMessages() {
    batch("batch");
  }

  @Test
  void batchListenerOfStrings() {
    batch("batch-strings");
  }

  /**
   * Ten messages wait in the queue, then a batch listener (consumer batching, batch size 5)
   * receives them and sends one follow-on message per batch. Every message keeps its own
   * process span under its publish; each follow-on publish is the child of its batch's span,
   * which counts the batch's messages and is the child of the batch's first publish.
   */
  private void batch(String role) {
    int messages = 10;
    int batchSize = 5;
    String queue = broker.freshQueue("spring-" + role);
    String out = broker.freshQueue("spring-" + role + "-out");
    String sender = service("sender");
    String consumer = service(role);
    String prefix = role + "-" + id;
    String followOnPrefix = "followon-" + id;

    AgentJvm.Result sent = Expect.exitedNormally(spring("sender", sender).args(
        "--app.out=" + queue, "--app.count=" + messages, "--app.id-prefix=" + prefix)
        .run(APP_TIMEOUT));
    AgentJvm.Result batches = Expect.exitedNormally(spring(role, consumer).args(
        "--app.in=" + queue, "--app.out=" + out, "--app.count=" + messages,
        "--app.batch-size=" + batchSize, "--app.id-prefix=" + followOnPrefix).run(APP_TIMEOUT));
    assertEquals(ids(prefix, messages).stream().sorted().toList(),
        SpringExpect.ids(batches, "RECEIVED").stream().sorted().toList(), batches::describe);
    List<List<String>> batchIds = SpringExpect.batches(batches);

    Map<String, ZipkinSpan> publishes =
        SpringExpect.producerSpansById(spans(sender, messages, sent));
    // one process span per message, plus per batch: the batch span and the follow-on publish
    List<ZipkinSpan> consumerSpans = spans(consumer, messages + 2 * batchIds.size(), batches);
    Map<String, ZipkinSpan> processes = SpringExpect.consumerSpansById(consumerSpans);
    Map<String, ZipkinSpan> followOns = SpringExpect.producerSpansById(consumerSpans);
    for (String messageId : ids(prefix, messages)) {
      ZipkinSpan publish = publishes.get(messageId);
      ZipkinSpan process = processes.get(messageId);
      assertAll(messageId + ":\n" + Expect.lines(consumerSpans),
          () -> SpringExpect.publishSpan(publish, "", queue),
          () -> SpringExpect.processSpan(process, queue),
          () -> childOf(publish, process));
    }
    for (int n = 1; n <= batchIds.size(); n++) {
      List<String> batch = batchIds.get(n - 1);
      ZipkinSpan followOn = followOns.get(followOnPrefix + "-" + n);
      assertNotNull(followOn, () -> "no follow-on publish span:\n" + Expect.lines(consumerSpans));
      List<ZipkinSpan> trace = zipkinClient().trace(followOn.traceId());
      String tree = TraceTree.render(trace);
      System.out.println(tree);
      ZipkinSpan batchSpan = trace.stream().filter(s -> s.id().equals(followOn.parentId()))
          .findFirst().orElse(null);
      ZipkinSpan firstPublish = publishes.get(batch.get(0));
      assertAll("batch " + n + " " + batch + ":\n" + tree,
          () -> SpringExpect.publishSpan(followOn, "", out),
          () -> assertNotNull(batchSpan, "the follow-on publish's parent is in its trace"),
          () -> assertEquals("CONSUMER", batchSpan.kind(), () -> "kind of " + batchSpan),
          () -> assertEquals(consumer, batchSpan.localServiceName()),
          () -> assertEquals(Integer.toString(batch.size()),
              batchSpan.tag(SpringExpect.BATCH_COUNT), () -> "batch size on " + batchSpan),
          () -> childOf(firstPublish, batchSpan));
    }
  }

  @Test
  void requestReplyWithDirectReplyTo() {
    requestReply("rpc-client", null);
  }

  @Test
  void requestReplyWithFixedReplyQueue() {
    requestReply("rpc-client-fixed", broker.freshQueue("spring-replies"));
  }

  /**
   * convertSendAndReceive against a @RabbitListener that answers through its return value: one
   * trace per call, client publish → server process → server reply publish → client's span for
   * the reply.
   */
  private void requestReply(String clientRole, String replyQueue) {
    int calls = 3;
    String queue = broker.freshQueue("spring-requests");
    String serverService = service("rpc-server");
    String clientService = service(clientRole);
    String prefix = "call-" + id;

    AgentJvm.Running server = startReady(spring("rpc-server", serverService)
        .args("--app.in=" + queue, "--app.count=" + calls));
    AgentJvm clientJvm = spring(clientRole, clientService)
        .args("--app.out=" + queue, "--app.count=" + calls, "--app.id-prefix=" + prefix);
    if (replyQueue != null) {
      clientJvm.args("--app.reply-queue=" + replyQueue);
    }
    AgentJvm.Result client = Expect.exitedNormally(clientJvm.run(APP_TIMEOUT));
    AgentJvm.Result served = exited(server);
    List<String> expected = ids(prefix, calls);
    assertEquals(expected.stream().map(m -> m + " reply-to-body-" + m).toList(),
        client.linesStartingWith("REPLY"), client::describe);

    Map<String, ZipkinSpan> requests =
        SpringExpect.producerSpansById(spans(clientService, 2 * calls, client));
    spans(serverService, 2 * calls, served);
    for (String messageId : expected) {
      ZipkinSpan request = requests.get(messageId);
      assertNotNull(request, () -> "no request publish for " + messageId + ": " + requests);
      List<ZipkinSpan> trace = zipkinClient().awaitTrace(request.traceId(), 4);
      String tree = TraceTree.render(trace);
      System.out.println(tree);
      assertEquals(4, trace.size(), () -> "trace of " + messageId + ":\n" + tree);
      ZipkinSpan serverProcess = Expect.only(trace,
          s -> serverService.equals(s.localServiceName()) && "CONSUMER".equals(s.kind()),
          "process by the server");
      ZipkinSpan replyPublish = Expect.only(trace,
          s -> serverService.equals(s.localServiceName()) && "PRODUCER".equals(s.kind()),
          "reply publish by the server");
      ZipkinSpan replyReceived = Expect.only(trace,
          s -> clientService.equals(s.localServiceName()) && "CONSUMER".equals(s.kind()),
          "the client's span for the reply");
      assertAll("trace of " + messageId + ":\n" + tree,
          () -> assertNull(request.parentId(), "the request publish is the root"),
          () -> SpringExpect.publishSpan(request, "", queue),
          () -> SpringExpect.processSpan(serverProcess, queue),
          () -> childOf(request, serverProcess),
          () -> childOf(serverProcess, replyPublish),
          () -> assertEquals("PRODUCER", replyPublish.kind()),
          () -> childOf(replyPublish, replyReceived));
    }
  }

  /**
   * A listener that always throws, with stateless retry (3 attempts) and then rejection without
   * requeue: the message is dead-lettered unchanged, and its process span is an error.
   */
  @Test
  void failingListenerRetriesThenDeadLetters() {
    int messages = 2;
    int attempts = 3;
    String deadLetters = broker.freshQueue("spring-dead");
    String queue = broker.freshQueue("spring-failing",
        Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", deadLetters));
    String sender = service("sender");
    String failing = service("failing");
    String prefix = "fail-" + id;

    AgentJvm.Running listener = startReady(spring("failing", failing).args(
        "--app.in=" + queue, "--app.dead-letter-queue=" + deadLetters,
        "--app.count=" + messages, "--app.attempts=" + attempts));
    AgentJvm.Result sent = Expect.exitedNormally(spring("sender", sender).args(
        "--app.out=" + queue, "--app.count=" + messages, "--app.id-prefix=" + prefix)
        .run(APP_TIMEOUT));
    AgentJvm.Result failed = exited(listener);
    List<String> expected = ids(prefix, messages);
    Map<String, Long> attemptsById = failed.linesStartingWith("ATTEMPT").stream()
        .collect(Collectors.groupingBy(line -> line.split(" ")[0], Collectors.counting()));
    assertEquals(expected.stream().collect(Collectors.toMap(m -> m, m -> (long) attempts)),
        attemptsById, failed::describe);

    List<GetResponse> deadLettered = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (deadLettered.size() < messages && System.nanoTime() < deadline) {
      GetResponse response = broker.get(deadLetters);
      if (response == null) {
        Pause.millis(200);
      } else {
        deadLettered.add(response);
      }
    }
    assertEquals(messages, deadLettered.size(), "messages in the dead-letter queue");

    Map<String, ZipkinSpan> publishes = SpringExpect.producerSpansById(spans(sender, messages, sent));
    List<ZipkinSpan> failingSpans = zipkinClient().awaitSpans(failing, messages);
    for (GetResponse response : deadLettered) {
      String messageId = response.getProps().getMessageId();
      assertTrue(expected.contains(messageId), "dead-lettered " + messageId);
      ZipkinSpan publish = publishes.get(messageId);
      assertArrayEquals(("body-" + messageId).getBytes(StandardCharsets.UTF_8), response.getBody(),
          "body of the dead-lettered " + messageId);
      Object traceparent = response.getProps().getHeaders().get("traceparent");
      // The process span(s) of this delivery: the one under the publish is the error.
      List<ZipkinSpan> processes = failingSpans.stream()
          .filter(s -> "CONSUMER".equals(s.kind()))
          .filter(s -> publish != null && publish.id().equals(s.parentId()))
          .toList();
      String tree = publish == null ? "" : TraceTree.render(zipkinClient().trace(publish.traceId()));
      System.out.println(tree);
      assertAll(messageId + ":\n" + tree,
          () -> SpringExpect.publishSpan(publish, "", queue),
          // Dead-lettering keeps the headers: a consumer of the dead-letter queue joins the trace.
          () -> Expect.traceparentNames(publish,
              traceparent == null ? null : traceparent.toString()),
          () -> assertEquals(1, processes.size(),
              () -> "one process span under the publish:\n" + Expect.lines(failingSpans)),
          () -> SpringExpect.processSpan(processes.get(0), queue),
          () -> SpringExpect.failedWithException(processes.get(0)));
    }
  }

  /**
   * RabbitTemplate.receive(queue, timeout): a CONSUMER span under each message's publish. Without
   * a timeout the template pulls with basic.get ({@code receive <queue>}); with one it subscribes
   * a temporary consumer, whose delivery is a {@code process <queue>} span.
   */
  @ParameterizedTest(name = "timeout {0} ms: {1} span")
  @CsvSource({"0, receive", "2000, process"})
  void pollingReceive(long timeoutMs, String operation) {
    int messages = 3;
    String queue = broker.freshQueue("spring-polled");
    String sender = service("sender");
    String poller = service("poller");
    String prefix = "poll-" + id;

    AgentJvm.Result sent = Expect.exitedNormally(spring("sender", sender).args(
        "--app.out=" + queue, "--app.count=" + messages, "--app.id-prefix=" + prefix)
        .run(APP_TIMEOUT));
    AgentJvm.Result polled = Expect.exitedNormally(spring("poller", poller).args(
        "--app.in=" + queue, "--app.count=" + messages, "--app.receive-timeout-ms=" + timeoutMs)
        .run(APP_TIMEOUT));
    assertEquals(ids(prefix, messages), SpringExpect.ids(polled, "RECEIVED"), polled::describe);

    Map<String, ZipkinSpan> publishes = SpringExpect.producerSpansById(spans(sender, messages, sent));
    // With a timeout the template subscribes a consumer and acks on the calling thread once the
    // consumer has handed the message over: before its span ended (the ack is on the span) or
    // after (a settle span under it), as the threads happen to run. basicGet acks automatically.
    boolean acked = operation.equals("process");
    List<ZipkinSpan> all = awaitPolled(poller, messages, acked);
    Map<String, ZipkinSpan> receives = SpringExpect.consumerSpansById(all);
    for (String messageId : ids(prefix, messages)) {
      ZipkinSpan publish = publishes.get(messageId);
      ZipkinSpan receive = receives.get(messageId);
      assertAll(messageId,
          () -> SpringExpect.publishSpan(publish, "", queue),
          () -> SpringExpect.consumerSpan(receive, operation, queue),
          () -> childOf(publish, receive),
          () -> assertTrue(!acked || isAcked(receive, all),
              () -> "acked, on the span or in a settle span under it: " + Expect.lines(all)));
    }
  }

  /** The poller's spans once every message has its consumer span and, if {@code acked}, its ack. */
  private List<ZipkinSpan> awaitPolled(String poller, int messages, boolean acked) {
    long deadline = System.nanoTime() + ZipkinClient.DEFAULT_TIMEOUT.toNanos();
    List<ZipkinSpan> all = zipkinClient().awaitSpans(poller, messages);
    while (System.nanoTime() < deadline) {
      List<ZipkinSpan> spans = all;
      List<ZipkinSpan> consumers = spans.stream().filter(s -> "CONSUMER".equals(s.kind())).toList();
      if (consumers.size() >= messages
          && (!acked || consumers.stream().allMatch(s -> isAcked(s, spans)))) {
        break;
      }
      Pause.millis(200);
      all = zipkinClient().spansOf(poller);
    }
    return all;
  }

  private static boolean isAcked(ZipkinSpan delivery, List<ZipkinSpan> spans) {
    return "ack".equals(delivery.tag("messaging.rabbitmq.settlement"))
        || spans.stream().anyMatch(settle -> delivery.id().equals(settle.parentId())
            && "ack".equals(settle.tag("messaging.rabbitmq.settlement")));
  }

  /**
   * Log correlation in a Spring Boot fat jar, with Boot's default Logback and the pattern the
   * README shows: the line the listener logs names the trace and span Zipkin stores for its
   * message; a line logged with no span current (Boot's own start-up lines) names none.
   */
  @Test
  void logLinesNameTheTraceOfTheirMessage() {
    int messages = 2;
    String queue = broker.freshQueue("spring-logged");
    String sender = service("sender");
    String consumer = service("logging-sink");
    String prefix = "logged-" + id;

    AgentJvm.Result sent = Expect.exitedNormally(spring("sender", sender).args(
        "--app.out=" + queue, "--app.count=" + messages, "--app.id-prefix=" + prefix)
        .run(APP_TIMEOUT));
    AgentJvm.Result received = Expect.exitedNormally(spring("sink", consumer).args(
        "--app.in=" + queue, "--app.count=" + messages,
        "--logging.pattern.correlation=[%X{trace_id:-},%X{span_id:-}] ").run(APP_TIMEOUT));
    spans(sender, messages, sent);
    Map<String, ZipkinSpan> processes =
        SpringExpect.consumerSpansById(spans(consumer, messages, received));
    List<String> logLines = received.stdout();
    for (String messageId : ids(prefix, messages)) {
      ZipkinSpan process = processes.get(messageId);
      List<String> handled = logLines.stream().filter(l -> l.endsWith("handled " + messageId)).toList();
      assertAll(messageId,
          () -> assertEquals(1, handled.size(), received::describe),
          () -> assertTrue(handled.get(0).contains("[" + process.traceId() + "," + process.id() + "]"),
              () -> handled.get(0) + " should name " + process));
    }
    assertTrue(logLines.stream().anyMatch(l -> l.contains("[,] ") && l.contains("Started ")),
        () -> "Boot's start-up line, with no span current, names none:\n" + received.describe());
  }

  /** A ChannelAwareMessageListener set directly on a SimpleMessageListenerContainer bean. */
  @Test
  void listenerOnAContainerBean() {
    int messages = 3;
    String queue = broker.freshQueue("spring-plain");
    String sender = service("sender");
    String consumer = service("listener");
    String prefix = "plain-" + id;

    AgentJvm.Running listener = startReady(spring("listener-container", consumer).args(
        "--app.in=" + queue, "--app.count=" + messages));
    AgentJvm.Result sent = Expect.exitedNormally(spring("sender", sender).args(
        "--app.out=" + queue, "--app.count=" + messages, "--app.id-prefix=" + prefix)
        .run(APP_TIMEOUT));
    AgentJvm.Result received = exited(listener);
    assertEquals(ids(prefix, messages), SpringExpect.ids(received, "RECEIVED"), received::describe);

    Map<String, ZipkinSpan> publishes = SpringExpect.producerSpansById(spans(sender, messages, sent));
    Map<String, ZipkinSpan> processes =
        SpringExpect.consumerSpansById(spans(consumer, messages, received));
    for (String messageId : ids(prefix, messages)) {
      ZipkinSpan publish = publishes.get(messageId);
      ZipkinSpan process = processes.get(messageId);
      assertAll(messageId,
          () -> SpringExpect.publishSpan(publish, "", queue),
          () -> SpringExpect.processSpan(process, queue),
          () -> childOf(publish, process));
    }
  }

  /**
   * A @RabbitListener with manual acknowledgement that settles on a worker thread after it
   * returned: A acked, B nacked without requeue, C rejected with requeue and its redelivery acked.
   * Each outcome is a {@code settle <queue>} span under its delivery's process span, in the
   * message's trace, as for a client consumer that settles later ({@link SettlementIT}).
   */
  @Test
  void manualAcknowledgementAfterTheListenerReturned() {
    int messages = 3;
    String queue = broker.freshQueue("spring-manual");
    String sender = service("sender");
    String consumer = service("manual-ack");
    String prefix = "manual-" + id;

    AgentJvm.Running listener = startReady(spring("manual-ack", consumer).args(
        "--app.in=" + queue, "--app.count=" + messages, "--app.sleep-ms=300"));
    AgentJvm.Result sent = Expect.exitedNormally(spring("sender", sender).args(
        "--app.out=" + queue, "--app.count=" + messages, "--app.id-prefix=" + prefix)
        .run(APP_TIMEOUT));
    AgentJvm.Result settled = exited(listener);
    assertEquals(List.of(prefix + "-1 ack redelivered=false", prefix + "-2 nack redelivered=false",
            prefix + "-3 ack redelivered=true", prefix + "-3 reject redelivered=false"),
        settled.linesStartingWith("SETTLED").stream().sorted().toList(), settled::describe);

    Map<String, ZipkinSpan> publishes = SpringExpect.producerSpansById(spans(sender, messages, sent));
    // 4 deliveries (C's twice), each with the settle span of its outcome.
    List<ZipkinSpan> spans = spans(consumer, 8, settled);
    String[][] outcomes = {{"ack", null}, {"nack", "false"}, {"reject", "true"}, {"ack", null}};
    for (int n = 1; n <= messages; n++) {
      String messageId = prefix + "-" + n;
      ZipkinSpan publish = publishes.get(messageId);
      List<ZipkinSpan> deliveries = spans.stream()
          .filter(s -> "CONSUMER".equals(s.kind()) && publish != null && publish.id().equals(s.parentId()))
          .sorted(java.util.Comparator.comparingLong(ZipkinSpan::timestamp))
          .toList();
      String tree = publish == null ? "" : TraceTree.render(zipkinClient().trace(publish.traceId()));
      assertEquals(n == 3 ? 2 : 1, deliveries.size(), () -> messageId + " deliveries:\n" + tree);
      for (int d = 0; d < deliveries.size(); d++) {
        ZipkinSpan process = deliveries.get(d);
        String[] expected = outcomes[n - 1 + d];
        ZipkinSpan settle = Expect.only(spans, s -> process.id().equals(s.parentId()),
            "settle span under " + process + "\n" + tree);
        assertAll(messageId + " delivery " + (d + 1) + ":\n" + tree,
            () -> SpringExpect.processSpan(process, queue),
            () -> assertNull(process.tag("messaging.rabbitmq.settlement"), "settled after it ended"),
            () -> childOf(process, settle),
            () -> assertEquals("settle " + queue, settle.name()),
            () -> assertEquals(expected[0], settle.tag("messaging.rabbitmq.settlement")),
            () -> assertEquals(expected[1], settle.tag("messaging.rabbitmq.settlement.requeue")));
      }
    }
  }

  /**
   * RabbitTemplate.convertAndSend with a CorrelationData, publisher-confirm-type=correlated: the
   * template publishes through Spring's cached-channel proxy and its PublisherCallbackChannel, and
   * each publish span still stays open until the broker confirms the message on the client's own
   * channel (see {@link ConfirmsIT}). Three messages are acked and consumed under their publish;
   * to a queue that holds one message and rejects publishes beyond it, one more is acked and the
   * next nacked, which makes its span an error. The application's CorrelationData futures see
   * the same acks and nack.
   */
  @Test
  void correlatedPublisherConfirms() {
    int messages = 3;
    String queue = broker.freshQueue("spring-confirmed");
    String full = broker.freshQueue("spring-confirm-full",
        Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
    String sender = service("confirms");
    String consumer = service("sink");
    String prefix = "confirm-" + id;
    String fills = prefix + "-full-1";
    String rejected = prefix + "-full-2";

    AgentJvm.Result confirmed = Expect.exitedNormally(spring("confirms", sender).args(
        "--app.out=" + queue, "--app.full-queue=" + full, "--app.count=" + messages,
        "--app.id-prefix=" + prefix).run(APP_TIMEOUT));
    AgentJvm.Result received = Expect.exitedNormally(spring("sink", consumer).args(
        "--app.in=" + queue, "--app.count=" + messages).run(APP_TIMEOUT));
    List<String> acked = ids(prefix, messages);
    List<String> expectedConfirms = new ArrayList<>();
    acked.forEach(messageId -> expectedConfirms.add(messageId + " true"));
    expectedConfirms.add(fills + " true");
    expectedConfirms.add(rejected + " false");
    assertEquals(expectedConfirms, confirmed.linesStartingWith("CONFIRMED"), confirmed::describe);
    assertEquals(acked, SpringExpect.ids(received, "RECEIVED").stream().sorted().toList(),
        received::describe);

    Map<String, ZipkinSpan> publishes =
        SpringExpect.producerSpansById(spans(sender, messages + 2, confirmed));
    Map<String, ZipkinSpan> processes =
        SpringExpect.consumerSpansById(spans(consumer, messages, received));
    String publishLines = Expect.lines(List.copyOf(publishes.values()));
    System.out.println(publishLines);
    for (String messageId : acked) {
      ZipkinSpan publish = publishes.get(messageId);
      ZipkinSpan process = processes.get(messageId);
      assertAll(messageId,
          () -> SpringExpect.publishSpan(publish, "", queue),
          () -> ConfirmsIT.acked(publish),
          () -> SpringExpect.processSpan(process, queue),
          () -> childOf(publish, process));
    }
    ZipkinSpan fillsSpan = publishes.get(fills);
    ZipkinSpan rejectedSpan = publishes.get(rejected);
    assertAll("publishes to the full queue:\n" + publishLines,
        () -> SpringExpect.publishSpan(fillsSpan, "", full),
        () -> ConfirmsIT.acked(fillsSpan),
        () -> SpringExpect.publishSpan(rejectedSpan, "", full),
        () -> ConfirmsIT.nacked(rejectedSpan));
  }

  /**
   * With the Spring AMQP instrumentation switched off, the RabbitMQ client layer still traces
   * the publishes and the deliveries (the relay's follow-on is not joined to the delivery then,
   * so only the spans' existence is checked).
   */
  @Test
  void springInstrumentationSwitchedOff() {
    int messages = 3;
    String queueX = broker.freshQueue("spring-off");
    String queueY = broker.freshQueue("spring-off-out");
    String sender = service("sender-off");
    String relay = service("relay-off");
    String prefix = "off-" + id;

    AgentJvm.Running relayRun = startReady(spring("relay", relay)
        .property("warren.instrumentation.spring-rabbit.enabled", "false")
        .args("--app.in=" + queueX, "--app.out=" + queueY, "--app.count=" + messages));
    AgentJvm.Result sent = Expect.exitedNormally(spring("sender", sender)
        .property("warren.instrumentation.spring-rabbit.enabled", "false")
        .args("--app.out=" + queueX, "--app.count=" + messages, "--app.id-prefix=" + prefix)
        .run(APP_TIMEOUT));
    AgentJvm.Result relayed = exited(relayRun);
    assertEquals(ids(prefix, messages), SpringExpect.ids(relayed, "RECEIVED"), relayed::describe);

    List<ZipkinSpan> publishes = spans(sender, messages, sent);
    List<ZipkinSpan> relaySpans = zipkinClient().awaitSpans(relay, 2 * messages);
    assertAll(() -> assertEquals(messages,
            publishes.stream().filter(s -> "PRODUCER".equals(s.kind())).count(),
            () -> "sender spans:\n" + Expect.lines(publishes)),
        () -> assertTrue(relaySpans.stream().filter(s -> "CONSUMER".equals(s.kind())).count()
            >= messages, () -> "relay spans:\n" + Expect.lines(relaySpans)),
        () -> assertTrue(relaySpans.stream().filter(s -> "PRODUCER".equals(s.kind())).count()
            >= messages, () -> "relay spans:\n" + Expect.lines(relaySpans)));
  }

  /** No otel.service.name: the service is named by --spring.application.name. */
  @Test
  void serviceNameFromSpringApplicationName() {
    int messages = 3;
    String service = "orders-service";
    String queue = broker.freshQueue("spring-named");
    String prefix = "named-" + boot() + "-" + id;

    AgentJvm.Result sent = Expect.exitedNormally(spring("sender", null)
        .args("--spring.application.name=" + service, "--app.out=" + queue,
            "--app.count=" + messages, "--app.id-prefix=" + prefix)
        .run(APP_TIMEOUT));
    assertEquals(ids(prefix, messages), SpringExpect.ids(sent, "SENT"), sent::describe);

    // orders-service is shared by every run of this test: pick this run's spans by message id.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<ZipkinSpan> mine = List.of();
    while (System.nanoTime() < deadline) {
      mine = zipkinClient().spansOf(service).stream()
          .filter(s -> s.tag("messaging.message.id") != null
              && s.tag("messaging.message.id").startsWith(prefix + "-"))
          .toList();
      if (mine.size() >= messages) {
        break;
      }
      Pause.millis(200);
    }
    List<ZipkinSpan> spans = mine;
    assertEquals(messages, spans.size(), () -> "spans of " + service + " with ids " + prefix
        + "-*:\n" + Expect.lines(spans) + "\n" + sent.describe());
    for (ZipkinSpan span : spans) {
      assertAll(span.toString(),
          () -> assertEquals(service, span.localServiceName()),
          () -> SpringExpect.publishSpan(span, "", queue));
    }
  }
}
