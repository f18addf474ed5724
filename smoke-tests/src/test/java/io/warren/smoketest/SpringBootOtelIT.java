package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 22 item 3: a Spring Boot 3.5.7 web and AMQP application tracing itself with Micrometer
 * Tracing's OpenTelemetry bridge (smoke-tests/spring-boot-3-otel-app: its SDK a bean, its
 * exporter printing its spans). Per request, one trace across the two recorders, exact parents:
 * Warren's servlet SERVER span -> Spring's HTTP server span -> its {@code checkout} -> Warren's
 * publish -> Warren's process -> its {@code handle}; each of its spans once in its output, none
 * from Warren in Zipkin. Spring's HTTP observation and Warren's server span record the same
 * request: either switch, as the README says, leaves the other alone in the chain.
 */
class SpringBootOtelIT extends SmokeTestBase {
  private static final int REQUESTS = 3;
  private static final String WARREN_SERVLET_OFF = "warren.instrumentation.servlet.enabled=false";
  private static final String SPRING_HTTP_OFF = "management.observations.enable.http.server.requests=false";

  @ParameterizedTest(name = "switched off: {0}")
  @ValueSource(strings = {"nothing", WARREN_SERVLET_OFF, SPRING_HTTP_OFF})
  void warrensSpansJoinTheApplicationsTracesAndNothingIsSentTwice(String off) {
    boolean warrenServer = !off.equals(WARREN_SERVLET_OFF);
    boolean springServer = !off.equals(SPRING_HTTP_OFF);
    String service = "boot3-otel-" + id;
    String prefix = "otel-" + id;
    AgentJvm jvm = AgentJvm.jar(appJar())
        .name(service)
        .logDir(logDir)
        .agent(SmokeEnv.agentJar())
        .serviceName(service)
        .zipkinEndpoint(zipkin().spansEndpoint())
        .property("otel.bsp.schedule.delay", "200")
        .args("--app.queue=" + broker.freshQueue("boot-otel"), "--app.count=" + REQUESTS,
            "--app.id-prefix=" + prefix);
    if (!warrenServer) {
      jvm.property("warren.instrumentation.servlet.enabled", "false");
    }
    if (!springServer) {
      jvm.args("--" + SPRING_HTTP_OFF);
    }
    AgentJvm.Result app = Expect.exitedNormally(jvm.run(APP_TIMEOUT));

    int warrenPerRequest = warrenServer ? 3 : 2;
    List<ZipkinSpan> warrens = zipkinClient().awaitSpans(service, warrenPerRequest * REQUESTS);
    List<String[]> own = app.linesStartingWith("OWN-SPAN").stream().map(l -> l.split(" ")).toList();
    Map<String, String[]> ownById = new HashMap<>();
    own.forEach(words -> ownById.put(words[2], words));
    Map<String, String[]> handleByParent = new HashMap<>();
    own.stream().filter(w -> w[0].equals("handle")).forEach(w -> handleByParent.put(w[3], w));
    Map<String, ZipkinSpan> warrenById = new HashMap<>();
    warrens.forEach(s -> warrenById.put(s.id(), s));
    Map<String, ZipkinSpan> publishes = Expect.byMessageId(
        warrens.stream().filter(s -> "PRODUCER".equals(s.kind())).toList());
    Map<String, ZipkinSpan> processes = Expect.byMessageId(
        warrens.stream().filter(s -> "CONSUMER".equals(s.kind())).toList());
    Map<String, String> serverIds = Expect.lastWordByFirst(app.linesStartingWith("SERVER"));
    Map<String, String> checkoutIds = Expect.lastWordByFirst(app.linesStartingWith("CHECKOUT"));
    Map<String, String> currentIds = Expect.lastWordByFirst(app.linesStartingWith("CURRENT"));
    Set<String> warrenIds = warrenById.keySet();
    int ownPerRequest = springServer ? 3 : 2;

    assertAll("switched off: " + off,
        () -> assertEquals(ownPerRequest * REQUESTS, own.size(),
            () -> "its exporter got " + app.linesStartingWith("OWN-SPAN")),
        () -> assertEquals(ownPerRequest * REQUESTS, ownById.size(), "each of its spans once"),
        () -> assertEquals(warrenPerRequest * REQUESTS, warrens.size(),
            () -> "Warren's spans: " + Expect.lines(warrens)),
        () -> assertEquals(warrenServer ? REQUESTS : 0,
            warrens.stream().filter(s -> "SERVER".equals(s.kind())).count(), "Warren's server spans"),
        () -> assertTrue(own.stream().noneMatch(w -> warrenIds.contains(w[2])),
            () -> "Warren sent none of its spans: " + Expect.lines(warrens)));
    for (int n = 1; n <= REQUESTS; n++) {
      String messageId = prefix + "-" + n;
      String[] checkout = ownById.get(checkoutIds.get(messageId));
      ZipkinSpan publish = publishes.get(messageId);
      ZipkinSpan process = processes.get(messageId);
      String[] handle = process == null ? null : handleByParent.get(process.id());
      // The span the controller ran in: Spring's, else Warren's server span.
      String serverId = serverIds.get(messageId);
      String[] springHttp = springServer ? ownById.get(serverId) : null;
      ZipkinSpan warrenHttp = !warrenServer ? null
          : warrenById.get(springServer ? (springHttp == null ? null : springHttp[3]) : serverId);
      assertAll(messageId + ", switched off: " + off,
          () -> assertNotNull(checkout, () -> "no checkout " + checkoutIds + " in " + app.linesStartingWith("OWN-SPAN")),
          () -> assertEquals(serverId, checkout[3], "checkout in the request's server span"),
          () -> {
            if (springServer) {
              assertNotNull(springHttp, () -> "no Spring HTTP span " + serverId + " in " + app.linesStartingWith("OWN-SPAN"));
              assertTrue(springHttp[0].startsWith("http_get"), () -> "Spring's HTTP span: " + springHttp[0]);
            }
          },
          () -> {
            if (warrenServer) {
              assertNotNull(warrenHttp, () -> "Warren's server span is the parent of the one the controller ran in:\n"
                  + Expect.lines(warrens));
              assertNull(warrenHttp.parentId(), "Warren's server span is the root");
              assertEquals(warrenHttp.traceId(), checkout[1], "one trace");
            } else {
              assertEquals("0000000000000000", springHttp[3], "Spring's HTTP span is the root");
            }
          },
          () -> assertEquals(checkout[1], publish.traceId(), "publish in checkout's trace"),
          () -> assertEquals(checkout[2], publish.parentId(), "checkout is the publish's parent"),
          () -> Expect.childOf(publish, process),
          () -> assertEquals(process.id(), currentIds.get(messageId), "Span.current() in the listener"),
          () -> assertNotNull(handle, () -> "no handle span under " + process + " in "
              + app.linesStartingWith("OWN-SPAN")),
          () -> assertEquals(process.traceId(), handle[1], "handle in the process span's trace"));
    }
  }

  private static Path appJar() {
    return Path.of(System.getProperty("smoke.spring3otel.jar",
        "spring-boot-3-otel-app/target/spring-otel-app.jar")).toAbsolutePath().normalize();
  }
}
