package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.harness.Broker;
import io.warren.smoketest.harness.Logs;
import io.warren.smoketest.harness.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * smoke-tests/demo.sh as the README runs it (without its build step: the reactor has built
 * everything): with no broker on its AMQP port it starts the embedded one, with RabbitMQ there it
 * uses RabbitMQ; either way it prints one trace per request, from item-subscriptions' HTTP server
 * span through the publish and notifications' process span to mailer's server span, each parent
 * exact, and the consumer's log lines carry the ids of those traces.
 */
class DemoIT {
  private static final int MESSAGES = 3;
  private static final long TIMEOUT_SECONDS = 240;
  // A trace as the demo prints it (TraceTree), and nothing more in it: item-subscriptions' server
  // span, its publish, notifications' process span, its call to mailer, mailer's server span.
  private static final Pattern TRACE = Pattern.compile(
      "trace (?<trace>\\p{XDigit}{32})\\R"
          + " +item-subscriptions  SERVER  post  id=(?<server>\\p{XDigit}{16}) parent=-\\R"
          + " +└─ item-subscriptions  PRODUCER  publish amq\\.default:(?<exchangeQueue>\\S+)"
          + "  id=(?<publish>\\p{XDigit}{16}) parent=(?<publishParent>\\p{XDigit}{16})  remote=rabbitmq\\R"
          + " +└─ notifications  CONSUMER  process (?<queue>\\S+)"
          + "  id=(?<process>\\p{XDigit}{16}) parent=(?<processParent>\\p{XDigit}{16})  remote=rabbitmq\\R"
          + " +└─ notifications  CLIENT  post"
          + "  id=(?<call>\\p{XDigit}{16}) parent=(?<callParent>\\p{XDigit}{16})  remote=\\S+\\R"
          + " +└─ mailer  SERVER  post"
          + "  id=(?<mailer>\\p{XDigit}{16}) parent=(?<mailerParent>\\p{XDigit}{16})\\R\\R");
  // The demo's customer, answered by item-subscriptions.
  private static final Pattern ACCEPTED = Pattern.compile(
      "(?m)^  POST /subscriptions \\{\"item\":\"sku-(\\d)\",\"customer\":\"customer-\\1\"\\}"
          + " -> 202 subscribed subscription-\\1$");
  // A log line of notifications: trace id|span id|flags|MDC app.user|message.
  private static final Pattern LOG_LINE = Pattern.compile(
      "(?m)^\\s+(\\p{XDigit}{32})\\|(\\p{XDigit}{16})\\|01\\|handler\\|handled subscription-\\d+$");

  @Test
  void embeddedBrokerWhenNothingAnswersOnTheAmqpPort(TestInfo info) {
    int port = Ports.freePort();
    String queue = uniqueQueue();
    String output = demo(info, "--amqp-port=" + port, "--queue=" + queue);

    assertAll(() -> assertTrue(output.contains("Nothing answers on 127.0.0.1:" + port
            + ": starting an embedded AMQP 0-9-1 broker"), output),
        () -> assertTracesAndLogLines(output, queue),
        () -> assertTrue(output.contains("Embedded broker stopped."), output),
        () -> assertFalse(Ports.isOpen(port), "the embedded broker still listens on " + port),
        () -> {
          try (Broker rabbitMq = Broker.connect()) {
            assertFalse(rabbitMq.queueExists(queue), "the demo's services used RabbitMQ");
          }
        });
  }

  @Test
  void rabbitMqWhenItAnswers(TestInfo info) {
    String queue = uniqueQueue();
    try {
      String output = demo(info, "--amqp-port=" + Broker.PORT, "--queue=" + queue);
      assertAll(() -> assertTrue(output.contains("Using the AMQP broker that answers on 127.0.0.1:"
              + Broker.PORT), output),
          () -> assertFalse(output.contains("embedded"), output),
          () -> assertTracesAndLogLines(output, queue));
    } finally {
      try (Broker rabbitMq = Broker.connect()) {
        rabbitMq.declareDurable(queue, true); // deleted on close
      }
    }
  }

  /** A queue of the test's own, so that a concurrent demo's consumer on task_queue takes nothing. */
  private static String uniqueQueue() {
    return "demo-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Every request accepted, one whole trace per request, each span the child of the one before,
   * and one consumer log line per message naming exactly those traces and process spans.
   */
  private static void assertTracesAndLogLines(String output, String queue) {
    Set<String> traced = new TreeSet<>();
    Matcher trace = TRACE.matcher(output);
    while (trace.find()) {
      String printed = trace.group();
      assertAll(printed,
          () -> assertEquals(queue, trace.group("exchangeQueue")),
          () -> assertEquals(queue, trace.group("queue")),
          () -> assertEquals(trace.group("server"), trace.group("publishParent"), "publish"),
          () -> assertEquals(trace.group("publish"), trace.group("processParent"), "process"),
          () -> assertEquals(trace.group("process"), trace.group("callParent"), "call"),
          () -> assertEquals(trace.group("call"), trace.group("mailerParent"), "mailer"));
      traced.add(trace.group("trace") + "|" + trace.group("process"));
    }
    Set<String> accepted = new TreeSet<>();
    Matcher answer = ACCEPTED.matcher(output);
    while (answer.find()) {
      accepted.add(answer.group(1));
    }
    Set<String> logged = new TreeSet<>();
    Matcher log = LOG_LINE.matcher(output);
    while (log.find()) {
      logged.add(log.group(1) + "|" + log.group(2));
    }
    assertEquals(Set.of("1", "2", "3"), accepted, () -> "requests accepted:\n" + output);
    assertEquals(MESSAGES, traced.size(), () -> "whole traces printed by the demo:\n" + output);
    assertEquals(traced, logged, () -> "trace id|process span id of the printed traces vs. of"
        + " the consumer's log lines:\n" + output);
  }

  /** Runs demo.sh --no-build with {@code args}; its output, once it exited with 0. */
  private static String demo(TestInfo info, String... args) {
    Path logDir = SmokeEnv.logsDir().resolve("DemoIT." + info.getTestMethod().orElseThrow()
        .getName());
    Path out = logDir.resolve("demo.out");
    List<String> command = new java.util.ArrayList<>(List.of("bash",
        SmokeEnv.demoScript().toString(), "--no-build", "--messages=" + MESSAGES));
    command.addAll(List.of(args));
    try {
      Files.createDirectories(logDir);
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(out.toFile()).start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        // Its Zipkin and applications too, not only the demo's JVM.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        throw new AssertionError("the demo did not finish within " + TIMEOUT_SECONDS + " s: "
            + command + "\n" + Logs.tail(out, 40));
      }
      String output = String.join("\n", Logs.lines(out));
      assertEquals(0, process.exitValue(), () -> command + " failed:\n" + output);
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
