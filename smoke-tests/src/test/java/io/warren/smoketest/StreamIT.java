package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.Sabotaged;
import io.warren.smoketest.apps.StreamConfirmsLost;
import io.warren.smoketest.apps.StreamReader;
import io.warren.smoketest.apps.StreamWriter;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinBulk;
import io.warren.smoketest.harness.ZipkinSpan;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RabbitMQ Streams through the Stream Java client (stream-client 1.2.0, the broker's
 * rabbitmq_stream plugin on 127.0.0.1:5552), with the packaged agent in separate JVMs: each
 * message's publish span ends on the broker's confirm, its process span is the publish's child
 * with the message's offset, and the messages arrive as sent; across the two clients too (a
 * message published with amqp-client into a stream queue and read with the stream client, and
 * the reverse).
 */
class StreamIT extends SmokeTestBase {
  static final String OFFSET = "messaging.rabbitmq.stream.offset";
  static final String TIME_IN_STREAM = "messaging.rabbitmq.stream.time_in_stream_ms";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"plain", "sub-entries-gzip"})
  void aStreamProducerAndConsumerMakeOneTracePerMessage(String mode) {
    int messages = 25;
    String stream = freshStream("stream-" + mode);
    String producerService = "stream-writer-" + mode + "-" + id;
    String consumerService = "stream-reader-" + mode + "-" + id;
    String prefix = "s-" + id;
    List<String> batching = mode.equals("plain")
        ? List.of() : List.of("--sub-entry-size=10", "--compression=gzip");

    List<String> writerArgs = new ArrayList<>(List.of(
        "--stream=" + stream, "--count=" + messages, "--id-prefix=" + prefix));
    writerArgs.addAll(batching);
    AgentJvm.Result writer = Expect.exitedNormally(withAgent(StreamWriter.class, producerService)
        .args(writerArgs.toArray(String[]::new)).run(APP_TIMEOUT));
    AgentJvm.Result reader = Expect.exitedNormally(withAgent(StreamReader.class, consumerService)
        .args("--stream=" + stream, "--count=" + messages).run(APP_TIMEOUT));
    applicationSawEveryConfirmForItsOwnMessage(writer, messages);
    Expect.deliveredUnchanged(Expect.sent(writer), Expect.received(reader));

    eachMessageIsOneTrace(prefix, messages, producerService, writer, consumerService, reader,
        publish -> {
          streamPublishSpan(publish, stream);
          Expect.assertTags(publish, Map.of("messaging.rabbitmq.confirm", "ack"));
        },
        (process, offset) -> streamProcessSpan(process, stream, offset));
  }

  /**
   * A message published with amqp-client into a stream queue and read with the stream client,
   * or the reverse, is one trace: the reading client's process span is the child of the other
   * client's publish span.
   */
  @ParameterizedTest(name = "published with {0}, read with {1}")
  @CsvSource({"amqp, stream", "stream, amqp"})
  void aMessageCrossingBetweenTheTwoClientsIsOneTrace(String writerVia, String readerVia) {
    int messages = 3;
    String stream = freshStream(writerVia + "-to-" + readerVia);
    String producerService = writerVia + "-into-stream-" + id;
    String consumerService = readerVia + "-out-of-stream-" + id;
    String prefix = writerVia.charAt(0) + "" + readerVia.charAt(0) + "-" + id;

    AgentJvm.Result writer = Expect.exitedNormally(withAgent(StreamWriter.class, producerService)
        .args("--stream=" + stream, "--count=" + messages, "--id-prefix=" + prefix,
            "--via=" + writerVia)
        .run(APP_TIMEOUT));
    AgentJvm.Result reader = Expect.exitedNormally(withAgent(StreamReader.class, consumerService)
        .args("--stream=" + stream, "--count=" + messages, "--via=" + readerVia)
        .run(APP_TIMEOUT));
    if (writerVia.equals("stream")) {
      applicationSawEveryConfirmForItsOwnMessage(writer, messages);
    }
    sameBodies(writer, reader);

    eachMessageIsOneTrace(prefix, messages, producerService, writer, consumerService, reader,
        publish -> {
          if (writerVia.equals("stream")) {
            streamPublishSpan(publish, stream);
          } else {
            Expect.publishSpan(publish, "", stream);
          }
        },
        (process, offset) -> {
          if (readerVia.equals("stream")) {
            streamProcessSpan(process, stream, offset);
          } else {
            Expect.processSpan(process, stream);
          }
        });
  }

  /**
   * The writer and the reader (plain and sub-entry batches) print what they print without the
   * agent (bodies, application properties, offsets, confirmations): with the agent, but for the
   * context entries it adds, and exactly when every tracing call fails inside the agent.
   */
  @Test
  void neitherTheAgentNorAFailingTracerChangesWhatTheApplicationSees() {
    List<String> plain = scenario("plain", (app, name) -> withoutAgent(app).name(name));
    List<String> traced = scenario("traced", (app, name) -> withAgent(app, name + "-" + id));
    List<String> sabotaged = scenario("sabotaged", (app, name) ->
        withAgent(Sabotaged.class, name).args("--app=" + app.getSimpleName())
            .classpath(SmokeEnv.appClasspath() + File.pathSeparator + SmokeEnv.testKitClasspath()));
    assertEquals(plain, traced.stream().map(StreamIT::withoutContextEntries).toList(),
        "what the applications printed, without the agent vs. with it (its context entries removed)");
    assertEquals(plain, sabotaged,
        "what the applications printed, without the agent vs. with a failing tracer");
  }

  /** A printed message without the entries Warren adds ({@code name=value} words). */
  private static String withoutContextEntries(String line) {
    return java.util.Arrays.stream(line.split(" ", -1))
        .filter(word -> word.indexOf('=') < 0
            || !Expect.isPropagationHeader(word.substring(0, word.indexOf('='))))
        .collect(java.util.stream.Collectors.joining(" "));
  }

  /**
   * 10 000 messages whose confirms never arrive (a proxy between client and broker swallows
   * everything the broker sends once the producer is ready): with a 2 s confirm timeout, every
   * publish span has ended, unconfirmed for a timeout, while the application still waits for its
   * confirms, so the agent holds none of them any longer. The heap in use at that point is
   * printed for both runs, with and without the agent.
   */
  @Test
  void publishesWhoseConfirmsNeverComeEndUnconfirmedAndAreNotKept() {
    int messages = 10_000;
    String service = "stream-lost-confirms-" + id;
    AgentJvm.Result withAgent = Expect.exitedNormally(withAgent(StreamConfirmsLost.class, service)
        .property("warren.messaging.confirm.timeout-ms", "2000")
        .args("--stream=" + freshStream("stream-lost-confirms"), "--count=" + messages,
            "--hold-ms=6000")
        .run(APP_TIMEOUT));
    AgentJvm.Result without = Expect.exitedNormally(withoutAgent(StreamConfirmsLost.class)
        .name("stream-lost-confirms-no-agent")
        .args("--stream=" + freshStream("stream-lost-confirms-plain"), "--count=" + messages,
            "--hold-ms=6000")
        .run(APP_TIMEOUT));
    for (AgentJvm.Result run : List.of(withAgent, without)) {
      assertEquals(List.of("0"), run.linesStartingWith("CONFIRMS-SEEN"),
          () -> "the broker's confirms were to be lost\n" + run.describe());
    }
    System.out.println("heap in use with 10 000 publishes unconfirmed: with the agent "
        + withAgent.linesStartingWith("HEAP-USED-BYTES") + " bytes, without "
        + without.linesStartingWith("HEAP-USED-BYTES") + " bytes");

    List<ZipkinSpan> spans = new ZipkinBulk(zipkin().baseUrl())
        .awaitSpans(service, messages, Duration.ofSeconds(60), Duration.ofMillis(500));
    assertEquals(messages, spans.size(), withAgent::describe);
    for (ZipkinSpan span : spans) {
      assertAll(span.toString(),
          () -> assertEquals("PRODUCER", span.kind()),
          () -> Expect.assertTags(span, Map.of(
              "messaging.rabbitmq.confirm", "unconfirmed",
              "messaging.rabbitmq.confirm.reason", "timeout")));
    }
  }

  private List<String> scenario(String mode, BiFunction<Class<?>, String, AgentJvm> jvm) {
    String stream = freshStream("stream-fail-" + mode);
    List<String> printed = new ArrayList<>();
    for (AgentJvm.Result result : List.of(
        run(jvm.apply(StreamWriter.class, mode + "-stream-writer").args(
            "--stream=" + stream, "--count=5", "--id-prefix=f-" + id)),
        run(jvm.apply(StreamWriter.class, mode + "-stream-batch-writer").args(
            "--stream=" + stream, "--count=5", "--id-prefix=fb-" + id, "--sub-entry-size=3")),
        run(jvm.apply(StreamReader.class, mode + "-stream-reader").args(
            "--stream=" + stream, "--count=10")))) {
      if (mode.equals("sabotaged")) {
        assertTrue(result.stdout().contains("SABOTAGED"), result::describe);
        assertFalse(result.linesStartingWith("TRACER-CALLS").get(0).equals("0"),
            () -> "the throwing tracer was never called\n" + result.describe());
      }
      result.stdout().stream()
          .filter(l -> l.startsWith("SENT ") || l.startsWith("RECEIVED ")
              || l.startsWith("OFFSET ") || l.startsWith("CONFIRMED ") || l.startsWith("ALL-"))
          .sorted().forEach(printed::add);
    }
    return printed;
  }

  private static AgentJvm.Result run(AgentJvm jvm) {
    return Expect.exitedNormally(jvm.run(APP_TIMEOUT));
  }

  /** A new stream (a queue with x-queue-type=stream), deleted after the test. */
  private String freshStream(String prefix) {
    return broker.freshQueue(prefix, Map.of("x-queue-type", "stream"));
  }

  /** Each confirmation was positive, named the application's own message, its properties intact. */
  private static void applicationSawEveryConfirmForItsOwnMessage(AgentJvm.Result writer, int messages) {
    List<String> confirms = writer.linesStartingWith("CONFIRMED");
    assertEquals(messages, confirms.size(), writer::describe);
    for (String confirm : confirms) {
      assertTrue(confirm.endsWith(" true 1 true true"), () -> confirm + "\n" + writer.describe());
    }
    assertEquals(List.of("true"), writer.linesStartingWith("ALL-CONFIRMED"), writer::describe);
  }

  /** The same bodies under the same message ids (the two clients type headers differently). */
  private static void sameBodies(AgentJvm.Result producer, AgentJvm.Result consumer) {
    Map<String, String> sent = new HashMap<>();
    Expect.sent(producer).forEach(m -> sent.put(m.messageId(), m.bodyBase64()));
    Map<String, String> received = new HashMap<>();
    Expect.received(consumer).forEach(m -> received.put(m.messageId(), m.bodyBase64()));
    assertEquals(sent, received, consumer::describe);
  }

  /**
   * For each message {@code <prefix>-<n>}: its publish span (of {@code producerService}) and its
   * process span (of {@code consumerService}, with the offset the consumer printed) pass their
   * checks, and the process span is the publish span's child.
   */
  private void eachMessageIsOneTrace(String prefix, int messages,
      String producerService, AgentJvm.Result producer,
      String consumerService, AgentJvm.Result consumer,
      Consumer<ZipkinSpan> publishCheck, BiConsumer<ZipkinSpan, String> processCheck) {
    Map<String, String> offsets = offsets(consumer);
    Map<String, ZipkinSpan> publishes = spansById(producerService, messages, producer);
    Map<String, ZipkinSpan> processes = spansById(consumerService, messages, consumer);
    for (int n = 1; n <= messages; n++) {
      String messageId = prefix + "-" + n;
      ZipkinSpan publish = publishes.get(messageId);
      ZipkinSpan process = processes.get(messageId);
      assertNotNull(publish, () -> "no publish span for " + messageId);
      assertNotNull(process, () -> "no process span for " + messageId);
      assertAll(messageId,
          () -> publishCheck.accept(publish),
          () -> processCheck.accept(process, offsets.get(messageId)),
          () -> Expect.childOf(publish, process));
    }
  }

  /** Message id to offset, as the reader printed them. */
  private static Map<String, String> offsets(AgentJvm.Result reader) {
    Map<String, String> offsets = new HashMap<>();
    for (String line : reader.linesStartingWith("OFFSET")) {
      String[] parts = line.split(" ");
      offsets.put(parts[0], parts[1]);
    }
    return offsets;
  }

  static void streamPublishSpan(ZipkinSpan span, String stream) {
    assertAll(span.toString(),
        () -> assertEquals("PRODUCER", span.kind()),
        () -> assertEquals("publish " + stream, span.name()),
        () -> assertEquals("rabbitmq", span.remoteServiceName()),
        () -> Expect.assertTags(span, Map.of(
            "messaging.system", "rabbitmq",
            "messaging.destination.name", stream,
            "messaging.operation.name", "publish",
            "messaging.operation.type", "send")));
  }

  static void streamProcessSpan(ZipkinSpan span, String stream, String offset) {
    assertNotNull(span, "no process span");
    assertAll(span.toString(),
        () -> assertEquals("CONSUMER", span.kind()),
        () -> assertEquals("process " + stream, span.name()),
        () -> assertEquals("rabbitmq", span.remoteServiceName()),
        () -> Expect.assertTags(span, Map.of(
            "messaging.system", "rabbitmq",
            "messaging.destination.name", stream,
            "messaging.operation.name", "process",
            "messaging.operation.type", "process",
            OFFSET, String.valueOf(offset))),
        () -> assertTrue(Long.parseLong(span.tag(TIME_IN_STREAM)) >= 0, "time in stream"));
  }

}
