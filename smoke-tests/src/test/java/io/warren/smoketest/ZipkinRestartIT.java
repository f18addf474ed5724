package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.SteadyTraffic;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.Ports;
import io.warren.smoketest.harness.ZipkinBulk;
import io.warren.smoketest.harness.ZipkinServer;
import io.warren.smoketest.harness.ZipkinSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Zipkin is stopped and a new one started on the same port while a producer and consumer keep
 * going: messages published after the restart are traced into the new Zipkin.
 */
@Tag("long")
class ZipkinRestartIT extends SmokeTestBase {

  @Test
  void spansAfterARestartReachTheNewZipkin() {
    int port = Ports.freePort();
    String service = "steady-zipkin-" + id;
    String idPrefix = "zr-" + id;
    ZipkinServer first = ZipkinServer.start(SmokeEnv.zipkinJar(), logDir.resolve("zipkin-1.log"),
        port);
    ZipkinServer second = null;
    SteadyTrafficRun traffic = null;
    try {
      traffic = SteadyTrafficRun.start(withAgent(SteadyTraffic.class, service)
          .zipkinEndpoint(first.spansEndpoint()), logDir, service,
          broker.freshQueue("zipkin-restart"), idPrefix);
      traffic.awaitSentAtLeast(20, Duration.ofSeconds(60));
      assertFalse(first.client().awaitSpans(service, 10).isEmpty(), "first Zipkin got no spans");

      first.close();
      int beforeRestart = traffic.lastSent();
      traffic.awaitSentAtLeast(beforeRestart + 50, Duration.ofSeconds(60)); // spans go nowhere
      second = ZipkinServer.start(SmokeEnv.zipkinJar(), logDir.resolve("zipkin-2.log"), port);
      int restartedAt = traffic.lastSent();
      traffic.awaitSentAtLeast(restartedAt + 100, Duration.ofSeconds(60));
      AgentJvm.Result result = Expect.exitedNormally(traffic.stop());
      traffic = null;
      int last = lastSent(result, idPrefix);

      List<ZipkinSpan> spans = new ZipkinBulk(second.baseUrl()).awaitSpans(service,
          2 * (last - restartedAt), Duration.ofSeconds(30), Duration.ofSeconds(1));
      Map<String, List<ZipkinSpan>> byId = spans.stream()
          .collect(Collectors.groupingBy(s -> s.tag("messaging.message.id")));
      for (int n = restartedAt + 1; n <= last; n++) {
        String messageId = idPrefix + "-" + n;
        List<ZipkinSpan> ofMessage = byId.getOrDefault(messageId, List.of());
        assertEquals(2, ofMessage.size(), () -> "spans of " + messageId + " in the new Zipkin: "
            + ofMessage + "\n" + result.describe());
      }
      List<String> outage = AgentLog.containing(result, "cannot send spans to Zipkin");
      List<String> recovered = AgentLog.containing(result, "spans were dropped meanwhile");
      System.out.println("restart: messages " + (restartedAt + 1) + ".." + last
          + " checked in the new Zipkin; agent said: " + outage + " " + recovered);
      assertEquals(1, outage.size(), result::describe);
      assertEquals(1, recovered.size(), result::describe);
      assertTrue(recovered.get(0).matches(".*; [1-9][0-9]* spans were dropped meanwhile.*"),
          recovered.get(0));
    } finally {
      if (traffic != null) {
        traffic.stop();
      }
      first.close();
      if (second != null) {
        second.close();
      }
    }
  }

  static int lastSent(AgentJvm.Result result, String idPrefix) {
    List<String> sent = result.linesStartingWith("SENT-ID");
    return Integer.parseInt(sent.get(sent.size() - 1).substring(idPrefix.length() + 1));
  }
}
