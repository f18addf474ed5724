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
 * uses RabbitMQ; either way it prints one trace per message from item-subscriptions' publish to
 * notifications' process, and the consumer's log lines carry the ids of those traces.
 */
class DemoIT {
  private static final int MESSAGES = 3;
  private static final long TIMEOUT_SECONDS = 240;
  // A trace as the demo prints it (TraceTree): the publish span, then its child process span.
  private static final Pattern TRACE = Pattern.compile(
      "trace (\\p{XDigit}{32})\\R\\s+item-subscriptions  PRODUCER  publish amq\\.default:(\\S+)"
          + "  id=(\\p{XDigit}{16}) parent=-[^\\n]*\\R[^\\n]*notifications  CONSUMER  process (\\S+)"
          + "  id=(\\p{XDigit}{16}) parent=(\\p{XDigit}{16})");
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
   * One trace per message, each the publish span of item-subscriptions with the process span of
   * notifications as its child, and one consumer log line per message naming exactly those
   * traces and process spans.
   */
  private static void assertTracesAndLogLines(String output, String queue) {
    Set<String> traced = new TreeSet<>();
    Matcher trace = TRACE.matcher(output);
    while (trace.find()) {
      assertEquals(queue, trace.group(2), trace.group());
      assertEquals(queue, trace.group(4), trace.group());
      assertEquals(trace.group(3), trace.group(6), "process is the child of publish: "
          + trace.group());
      traced.add(trace.group(1) + "|" + trace.group(5));
    }
    Set<String> logged = new TreeSet<>();
    Matcher log = LOG_LINE.matcher(output);
    while (log.find()) {
      logged.add(log.group(1) + "|" + log.group(2));
    }
    assertEquals(MESSAGES, traced.size(), () -> "traces printed by the demo:\n" + output);
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
