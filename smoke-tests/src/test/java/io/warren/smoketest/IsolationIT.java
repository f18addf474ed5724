package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.OwnTelemetryApp;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An application with its own OpenTelemetry SDK (registered globally) and its own Byte Buddy on
 * the class path runs unchanged with the agent, and Warren still traces its messages, in the
 * application's own traces.
 */
class IsolationIT extends SmokeTestBase {
  private static final int MESSAGES = 3;

  @Test
  void applicationsOwnOpenTelemetryAndByteBuddyKeepWorking() {
    String service = "own-otel-" + id;
    String classpath = SmokeEnv.appClasspath() + File.pathSeparator + isolationClasspath();
    AgentJvm.Result plain = Expect.exitedNormally(withoutAgent(OwnTelemetryApp.class)
        .name("own-otel-no-agent").classpath(classpath)
        .args("--queue=" + broker.freshQueue("own-plain"), "--id-prefix=o-" + id)
        .run(APP_TIMEOUT));
    AgentJvm.Result traced = Expect.exitedNormally(withAgent(OwnTelemetryApp.class, service)
        .classpath(classpath)
        .args("--queue=" + broker.freshQueue("own-otel"), "--id-prefix=o-" + id)
        .run(APP_TIMEOUT));

    assertAll(
        () -> assertEquals(plain.linesStartingWith("OWN-SPANS"),
            traced.linesStartingWith("OWN-SPANS"), traced::describe),
        () -> assertEquals(List.of("[own-publish-1, own-publish-2, own-publish-3, own-work]"),
            traced.linesStartingWith("OWN-SPANS")),
        () -> assertEquals(List.of("made by the app's Byte Buddy"),
            traced.linesStartingWith("BYTE-BUDDY")),
        () -> assertEquals(plain.linesStartingWith("BYTE-BUDDY-JAR"),
            traced.linesStartingWith("BYTE-BUDDY-JAR"), "Byte Buddy comes from the app's jar"),
        () -> assertEquals(plain.linesStartingWith("OTEL-JAR"),
            traced.linesStartingWith("OTEL-JAR"), "the SDK comes from the app's jar"),
        () -> assertEquals(plain.linesStartingWith("RECEIVED-ID"),
            traced.linesStartingWith("RECEIVED-ID")),
        () -> assertEquals(List.of(), AgentLog.warnings(traced)),
        () -> assertEquals(List.of(), AgentLog.exceptions(traced)));

    List<ZipkinSpan> spans = zipkinClient().awaitSpans(service, 2 * MESSAGES);
    assertEquals(MESSAGES, spans.stream().filter(s -> "PRODUCER".equals(s.kind())).count(),
        () -> Expect.lines(spans));
    assertEquals(MESSAGES, spans.stream().filter(s -> "CONSUMER".equals(s.kind())).count(),
        () -> Expect.lines(spans));
    // Its publishes run inside its own spans: Warren's spans join its trace (issue 22 item 3).
    String ownTrace = traced.linesStartingWith("OWN-TRACE").get(0);
    assertTrue(spans.stream().allMatch(s -> s.traceId().equals(ownTrace)),
        () -> "Warren's spans are in the app's own trace " + ownTrace + ":\n" + Expect.lines(spans));
  }

  private static String isolationClasspath() {
    Path file = Path.of(System.getProperty("smoke.isolation.classpath.file",
        "target/isolation-classpath.txt"));
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("missing " + file + " (written by mvn package)", e);
    }
  }
}
