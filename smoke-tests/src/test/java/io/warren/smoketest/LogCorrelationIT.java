package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.ItemSubscriptions;
import io.warren.smoketest.apps.LoggingNotifications;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Log correlation with nothing in the application's code: a consumer that logs through Log4j2
 * (asynchronous appender) writes, in each handler's log line, the trace and span ids of the
 * process span Zipkin stores for that message; its line from before any span has none.
 */
class LogCorrelationIT extends SmokeTestBase {
  private static final int MESSAGES = 3;

  @Test
  void aHandlersLogLineNamesTheSpanZipkinShows() {
    String queue = broker.freshQueue("logged");
    String producerService = "log-producer-" + id;
    String consumerService = "log-consumer-" + id;

    AgentJvm.Running consumer = withAgent(LoggingNotifications.class, consumerService)
        .classpath(SmokeEnv.appClasspath() + File.pathSeparator + loggingClasspath())
        .args("--queue=" + queue, "--count=" + MESSAGES)
        .start();
    Expect.exitedNormally(withAgent(ItemSubscriptions.class, producerService)
        .args("--queue=" + queue, "--count=" + MESSAGES, "--id-prefix=log-" + id)
        .run(APP_TIMEOUT));
    AgentJvm.Result consumed = Expect.exitedNormally(consumer.awaitExit(APP_TIMEOUT));

    List<String> logged = consumed.linesStartingWith("LOG");
    List<ZipkinSpan> processes = zipkinClient().awaitSpans(consumerService, MESSAGES);
    Map<String, ZipkinSpan> processById = Expect.byMessageId(processes);
    assertEquals(MESSAGES + 1, logged.size(), consumed::describe);
    assertTrue(logged.contains("|||main|starting"), () -> "no span, no ids: " + logged);
    assertAll(
        () -> assertEquals(List.of(), AgentLog.warnings(consumed)),
        () -> assertEquals(List.of(), AgentLog.exceptions(consumed)));
    for (int n = 1; n <= MESSAGES; n++) {
      String messageId = "log-" + id + "-" + n;
      ZipkinSpan process = processById.get(messageId);
      assertNotNull(process, () -> "no process span for " + messageId + ": " + Expect.lines(processes));
      String expected = process.traceId() + "|" + process.id() + "|01|handler|handled " + messageId;
      assertTrue(logged.contains(expected), () -> "expected the line " + expected + " in " + logged);
    }
  }

  private static String loggingClasspath() {
    Path file = Path.of(System.getProperty("smoke.logging.classpath.file", "target/logging-classpath.txt"));
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("missing " + file + " (written by mvn package)", e);
    }
  }
}
