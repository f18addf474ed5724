package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.OwnSdkShop;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.Jars;
import io.warren.smoketest.harness.ZipkinSpan;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 22 item 3: an application with its own OpenTelemetry SDK registered globally, on the
 * oldest and newest API the bridge supports. Its exporter gets all of its spans, once each, and
 * Warren sends none of them; per message, one trace across the two recorders with exact parents:
 * its {@code checkout} (its exporter) -> Warren's publish -> Warren's process (Zipkin) -> its
 * {@code handle} (its exporter).
 */
class OwnSdkIT extends SmokeTestBase {
  private static final int MESSAGES = 3;

  @ParameterizedTest(name = "opentelemetry-sdk {0}")
  @ValueSource(strings = {"1.20.0", "1.68.0"})
  void itsOwnSpansStayItsOwnAndWarrensJoinTheirTraces(String sdkVersion) {
    String classpath = Jars.classpathOf(
        Path.of(System.getProperty("smoke.opentelemetry.sdk.dir", "target/opentelemetry-sdk"), sdkVersion))
        + File.pathSeparator + SmokeEnv.appClasspath();
    String service = "own-sdk-" + id;
    String prefix = "own-sdk-" + id;

    AgentJvm.Result app = Expect.exitedNormally(withAgent(OwnSdkShop.class, service)
        .classpath(classpath)
        .args("--queue=" + broker.freshQueue("own-sdk"), "--count=" + MESSAGES, "--id-prefix=" + prefix)
        .run(APP_TIMEOUT));

    List<ZipkinSpan> warrens = zipkinClient().awaitSpans(service, 2 * MESSAGES);
    List<String[]> own = app.linesStartingWith("OWN-SPAN").stream().map(l -> l.split(" ")).toList();
    Map<String, String[]> ownById = new HashMap<>();
    own.forEach(words -> ownById.put(words[2], words));
    Map<String, String[]> handleByParent = new HashMap<>();
    own.stream().filter(w -> w[0].equals("handle")).forEach(w -> handleByParent.put(w[3], w));
    Map<String, ZipkinSpan> publishes = Expect.byMessageId(
        warrens.stream().filter(s -> "PRODUCER".equals(s.kind())).toList());
    Map<String, ZipkinSpan> processes = Expect.byMessageId(
        warrens.stream().filter(s -> "CONSUMER".equals(s.kind())).toList());
    Map<String, String> checkoutIds = Expect.lastWordByFirst(app.linesStartingWith("CHECKOUT"));
    Map<String, String> currentIds = Expect.lastWordByFirst(app.linesStartingWith("CURRENT"));
    Set<String> warrenIds = warrens.stream().map(ZipkinSpan::id).collect(Collectors.toSet());

    assertAll("its own spans on opentelemetry-sdk " + sdkVersion,
        () -> assertTrue(app.linesStartingWith("SDK").get(0).endsWith("/opentelemetry-sdk-" + sdkVersion + ".jar"),
            () -> "its SDK: " + app.linesStartingWith("SDK")),
        () -> assertEquals(2 * MESSAGES, own.size(), () -> "its exporter got " + app.linesStartingWith("OWN-SPAN")),
        () -> assertEquals(2 * MESSAGES, ownById.size(), "each of its spans once"),
        () -> assertEquals(2 * MESSAGES, warrens.size(), () -> "Warren's spans: " + Expect.lines(warrens)),
        () -> assertTrue(own.stream().noneMatch(w -> warrenIds.contains(w[2])),
            () -> "Warren sent none of its spans: " + Expect.lines(warrens)));
    for (int n = 1; n <= MESSAGES; n++) {
      String messageId = prefix + "-" + n;
      String[] checkout = ownById.get(checkoutIds.get(messageId));
      ZipkinSpan publish = publishes.get(messageId);
      ZipkinSpan process = processes.get(messageId);
      String[] handle = process == null ? null : handleByParent.get(process.id());
      assertAll(messageId + " on opentelemetry-sdk " + sdkVersion,
          () -> assertNotNull(checkout, () -> "no checkout " + checkoutIds + " in " + app.linesStartingWith("OWN-SPAN")),
          () -> assertEquals("checkout", checkout[0]),
          () -> assertEquals("0000000000000000", checkout[3], "checkout is the trace's root"),
          () -> assertEquals(checkout[1], publish.traceId(), "publish in checkout's trace"),
          () -> assertEquals(checkout[2], publish.parentId(), "checkout is the publish's parent"),
          () -> Expect.childOf(publish, process),
          () -> assertEquals(process.id(), currentIds.get(messageId), "Span.current() in the handler"),
          () -> assertNotNull(handle, () -> "no handle span under " + process + " in "
              + app.linesStartingWith("OWN-SPAN")),
          () -> assertEquals(process.traceId(), handle[1], "handle in the process span's trace"));
    }
  }
}
