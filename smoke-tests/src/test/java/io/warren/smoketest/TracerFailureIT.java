package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.HandOffRelay;
import io.warren.smoketest.apps.HeaderVariants;
import io.warren.smoketest.apps.ItemSubscriptions;
import io.warren.smoketest.apps.LoggingNotifications;
import io.warren.smoketest.apps.Notifications;
import io.warren.smoketest.apps.Puller;
import io.warren.smoketest.apps.Sabotaged;
import io.warren.smoketest.harness.AgentJvm;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every tracing call fails inside the agent (an app-installed tracer that throws, even after
 * scribbling on the headers): publishing, consuming and basic.get behave byte for byte as
 * without the agent, and nothing reaches the application. So do a handler that hands its
 * follow-on publish to a thread pool and to a CompletableFuture (the context hand-off asks the
 * failing tracer for the current context and attaches it), and a handler that logs through
 * Log4j2 (log correlation asks it for the current ids): the same lines, none with ids.
 */
class TracerFailureIT extends SmokeTestBase {

  @Test
  void failingTracerChangesNothingTheApplicationSees() {
    List<AgentJvm.Result> plain = scenario("plain", (app, name, classpath) ->
        withoutAgent(app).name(name).classpath(classpath));
    List<AgentJvm.Result> sabotaged = scenario("sabotaged", (app, name, classpath) ->
        withAgent(Sabotaged.class, name)
            .classpath(classpath + File.pathSeparator + SmokeEnv.testKitClasspath())
            .args("--app=" + app.getSimpleName()));

    for (int i = 0; i < plain.size(); i++) {
      AgentJvm.Result expected = plain.get(i);
      AgentJvm.Result actual = sabotaged.get(i);
      assertEquals(received(expected), received(actual),
          () -> "what " + actual.name() + " received vs. without the agent\n" + actual.describe());
      assertAll(actual.name(),
          () -> assertTrue(actual.stdout().contains("SABOTAGED"), "tracer installed"),
          () -> assertTrue(calls(actual) > 0, () -> "the throwing tracer was never called\n"
              + actual.describe()),
          () -> assertFalse(AgentLog.containing(actual, "tracing failed").isEmpty(),
              () -> "the agent did not report the failures\n" + actual.describe()),
          () -> assertEquals(List.of(), AgentLog.exceptions(actual)));
    }
    assertTrue(failed(sabotaged, "hand-off-relay").contains("currentContext"),
        "the hand-off to the thread pool asked the failing tracer for the context to carry");
    assertTrue(failed(sabotaged, "logging").contains("currentTraceIds"),
        "the handler's log line asked the failing tracer for the ids");
  }

  /** The tracer methods that failed in the sabotaged run of that name. */
  private static List<String> failed(List<AgentJvm.Result> results, String name) {
    AgentJvm.Result result =
        results.stream().filter(r -> r.name().endsWith("-" + name)).findFirst().orElseThrow();
    return List.of(result.linesStartingWith("TRACER-FAILED").get(0).split(","));
  }

  /** How a mode runs a sample app: without the agent, or sabotaged. */
  private interface Mode {
    AgentJvm jvm(Class<?> app, String name, String classpath);
  }

  /** Producer, consumer, puller, relay and logging runs of one mode, in order; each exited normally. */
  private List<AgentJvm.Result> scenario(String mode, Mode jvm) {
    String classpath = SmokeEnv.appClasspath();
    String pushed = broker.freshQueue("fail-" + mode);
    String pulled = broker.freshQueue("fail-get-" + mode);
    String empty = broker.freshQueue("fail-empty-" + mode);
    String handedOff = broker.freshQueue("fail-hand-off-" + mode);
    String relayed = broker.freshQueue("fail-relayed-" + mode);
    String ids = "--id-prefix=f-" + id;
    List<AgentJvm.Result> results = new ArrayList<>();
    results.add(run(jvm.jvm(ItemSubscriptions.class, mode + "-items", classpath)
        .args("--queue=" + pushed, "--count=3", ids)));
    results.add(run(jvm.jvm(HeaderVariants.class, mode + "-variants", classpath)
        .args("--queue=" + pushed, ids)));
    results.add(run(jvm.jvm(Notifications.class, mode + "-notifications", classpath)
        .args("--queue=" + pushed, "--count=7")));
    results.add(run(jvm.jvm(ItemSubscriptions.class, mode + "-items-for-get", classpath)
        .args("--queue=" + pulled, "--count=1", ids)));
    results.add(run(jvm.jvm(Puller.class, mode + "-puller", classpath)
        .args("--queue=" + pulled, "--empty-queue=" + empty)));
    results.add(run(jvm.jvm(ItemSubscriptions.class, mode + "-items-for-hand-off", classpath)
        .args("--queue=" + handedOff, "--count=2", ids)));
    results.add(run(jvm.jvm(HandOffRelay.class, mode + "-hand-off-relay", classpath)
        .args("--queue=" + handedOff, "--to=" + relayed, "--via=pool,future", "--count=2")));
    results.add(run(jvm.jvm(LoggingNotifications.class, mode + "-logging",
            classpath + File.pathSeparator + SmokeEnv.log4j2Classpath())
        .args("--queue=" + relayed, "--count=2")));
    return results;
  }

  private static AgentJvm.Result run(AgentJvm jvm) {
    return Expect.exitedNormally(jvm.run(APP_TIMEOUT));
  }

  /** Everything the application printed about messages and logged, in a stable order. */
  private static List<String> received(AgentJvm.Result result) {
    return result.stdout().stream()
        .filter(l -> l.startsWith("SENT ") || l.startsWith("RECEIVED ") || l.startsWith("EMPTY")
            || l.startsWith("LOG "))
        .map(l -> l.startsWith("EMPTY") ? "EMPTY" : l) // queue names differ by mode
        .map(l -> l.replaceAll(" from Thread\\[.*", "")) // the hand-off's thread names differ by run
        .sorted().toList();
  }

  private static long calls(AgentJvm.Result result) {
    return Long.parseLong(result.linesStartingWith("TRACER-CALLS").get(0));
  }
}
