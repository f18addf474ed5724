package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.HeaderVariants;
import io.warren.smoketest.apps.ItemSubscriptions;
import io.warren.smoketest.apps.Notifications;
import io.warren.smoketest.apps.Puller;
import io.warren.smoketest.apps.Sabotaged;
import io.warren.smoketest.harness.AgentJvm;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Every tracing call fails inside the agent (an app-installed tracer that throws, even after
 * scribbling on the headers): publishing, consuming and basic.get behave byte for byte as
 * without the agent, and nothing reaches the application.
 */
class TracerFailureIT extends SmokeTestBase {

  @Test
  void failingTracerChangesNothingTheApplicationSees() {
    List<AgentJvm.Result> plain = scenario("plain", (app, name) -> withoutAgent(app).name(name));
    List<AgentJvm.Result> sabotaged = scenario("sabotaged", (app, name) ->
        withAgent(Sabotaged.class, name).args("--app=" + app.getSimpleName()));

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
  }

  /** Producer, consumer and puller runs of one mode, in order; each exited normally. */
  private List<AgentJvm.Result> scenario(String mode,
      BiFunction<Class<?>, String, AgentJvm> jvm) {
    String pushed = broker.freshQueue("fail-" + mode);
    String pulled = broker.freshQueue("fail-get-" + mode);
    String empty = broker.freshQueue("fail-empty-" + mode);
    String ids = "--id-prefix=f-" + id;
    List<AgentJvm.Result> results = new ArrayList<>();
    results.add(run(jvm.apply(ItemSubscriptions.class, mode + "-items")
        .args("--queue=" + pushed, "--count=3", ids)));
    results.add(run(jvm.apply(HeaderVariants.class, mode + "-variants")
        .args("--queue=" + pushed, ids)));
    results.add(run(jvm.apply(Notifications.class, mode + "-notifications")
        .args("--queue=" + pushed, "--count=7")));
    results.add(run(jvm.apply(ItemSubscriptions.class, mode + "-items-for-get")
        .args("--queue=" + pulled, "--count=1", ids)));
    results.add(run(jvm.apply(Puller.class, mode + "-puller")
        .args("--queue=" + pulled, "--empty-queue=" + empty)));
    return results;
  }

  private static AgentJvm.Result run(AgentJvm jvm) {
    return Expect.exitedNormally(jvm.run(APP_TIMEOUT));
  }

  /** Everything the application printed about messages, in a stable order. */
  private static List<String> received(AgentJvm.Result result) {
    return result.stdout().stream()
        .filter(l -> l.startsWith("SENT ") || l.startsWith("RECEIVED ") || l.startsWith("EMPTY"))
        .map(l -> l.startsWith("EMPTY") ? "EMPTY" : l) // queue names differ by mode
        .sorted().toList();
  }

  private static long calls(AgentJvm.Result result) {
    return Long.parseLong(result.linesStartingWith("TRACER-CALLS").get(0));
  }
}
