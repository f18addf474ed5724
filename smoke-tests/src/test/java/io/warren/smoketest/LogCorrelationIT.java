package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.ItemSubscriptions;
import io.warren.smoketest.apps.LogbackNotifications;
import io.warren.smoketest.apps.LoggingNotifications;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.Jars;
import io.warren.smoketest.harness.ZipkinSpan;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Log correlation with nothing in the application's code: a consumer that logs through Log4j2 or
 * through SLF4J and Logback (the oldest and the newest Logback, each with an asynchronous
 * appender) writes, in each handler's log line, the trace and span ids of the process span Zipkin
 * stores for that message; its line from before any span has none.
 */
class LogCorrelationIT extends SmokeTestBase {
  private static final int MESSAGES = 3;

  /** The logging library, and the class path that brings it. */
  static Stream<Arguments> libraries() {
    return Stream.of(
        Arguments.of("log4j2 2.26.1", LoggingNotifications.class,
            SmokeEnv.appClasspath() + File.pathSeparator + SmokeEnv.log4j2Classpath()),
        // Before the app's class path, whose SLF4J 1.7 API Logback 1.6 could not bind to.
        Arguments.of("logback 1.2.13", LogbackNotifications.class,
            logbackClasspath("1.2.13") + File.pathSeparator + SmokeEnv.appClasspath()),
        Arguments.of("logback 1.6.6", LogbackNotifications.class,
            logbackClasspath("1.6.6") + File.pathSeparator + SmokeEnv.appClasspath()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("libraries")
  void aHandlersLogLineNamesTheSpanZipkinShows(String library, Class<?> app, String classpath) {
    String queue = broker.freshQueue("logged");
    String producerService = "log-producer-" + id;
    String consumerService = "log-consumer-" + id;

    AgentJvm.Running consumer = withAgent(app, consumerService)
        .classpath(classpath)
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

  /** The jars of one Logback version (and the SLF4J API it needs), copied by mvn package. */
  private static String logbackClasspath(String version) {
    return Jars.classpathOf(Path.of(System.getProperty("smoke.logback.dir", "target/logback"), version));
  }
}
