package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.SteadyTraffic;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.BrokerControl;
import io.warren.smoketest.harness.ZipkinBulk;
import io.warren.smoketest.harness.ZipkinSpan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The broker restarts under a running producer and consumer that recover automatically: after
 * recovery every message is still traced, once, on both sides.
 */
@Tag("long")
class BrokerRestartIT extends SmokeTestBase {

  @Test
  void tracingContinuesAfterAutomaticRecovery() throws Exception {
    String service = "steady-broker-" + id;
    String idPrefix = "br-" + id;
    SteadyTrafficRun traffic = SteadyTrafficRun.start(withAgent(SteadyTraffic.class, service),
        logDir, service, broker.freshQueue("broker-restart"), idPrefix);
    AgentJvm.Result result;
    int recoveredAt;
    try {
      traffic.awaitSentAtLeast(30, Duration.ofSeconds(60));
      try {
        BrokerControl.stopApp();
        Thread.sleep(2000);
      } finally {
        BrokerControl.startApp();
      }
      traffic.awaitOutput(lines -> lines.contains("RECOVERED producer")
          && lines.contains("RECOVERED consumer"), Duration.ofSeconds(60), "both recoveries");
      recoveredAt = traffic.lastSent();
      traffic.awaitSentAtLeast(recoveredAt + 100, Duration.ofSeconds(60));
    } finally {
      result = traffic.stop();
    }
    Expect.exitedNormally(result);
    int last = ZipkinRestartIT.lastSent(result, idPrefix);
    int afterRecovery = last - recoveredAt;

    List<String> received = result.linesStartingWith("RECEIVED-ID");
    List<ZipkinSpan> spans = new ZipkinBulk(zipkin().baseUrl()).awaitSpans(service,
        2 * last, Duration.ofSeconds(30), Duration.ofSeconds(1));
    Map<String, List<ZipkinSpan>> byId = spans.stream()
        .filter(s -> s.tag("messaging.message.id") != null)
        .collect(Collectors.groupingBy(s -> s.tag("messaging.message.id")));
    // A publish the client rejected while its channel was still recovering is never delivered:
    // it must show as one failed publish span and nothing else.
    Set<String> failed = result.linesStartingWith("PUBLISH-FAILED").stream()
        .map(line -> line.split(" ")[0]).collect(Collectors.toSet());
    List<String> problems = new ArrayList<>();
    for (int n = recoveredAt + 1; n <= last; n++) {
      String messageId = idPrefix + "-" + n;
      List<ZipkinSpan> ofMessage = byId.getOrDefault(messageId, List.of());
      List<ZipkinSpan> publishes = ofKind(ofMessage, "PRODUCER");
      List<ZipkinSpan> processes = ofKind(ofMessage, "CONSUMER");
      int deliveries = Collections.frequency(received, messageId);
      // The app counts a publish as failed when basicPublish or the wait for its confirm
      // throws. When the connection drops after the broker took the message but before its
      // confirm came back, the message is delivered after all (redelivered): then it must be
      // traced like any delivered message.
      boolean deliveredAfterAll = failed.contains(messageId) && deliveries == 1;
      if (failed.contains(messageId) && !deliveredAfterAll) {
        if (publishes.size() != 1 || !publishes.get(0).tags().containsKey("error")
            || !processes.isEmpty() || deliveries != 0) {
          problems.add(messageId + " failed to publish, yet: delivered " + deliveries
              + "x, spans " + ofMessage);
        }
      } else if (publishes.size() != 1 || processes.size() != 1 || deliveries != 1
          || !publishes.get(0).id().equals(processes.get(0).parentId())
          || !publishes.get(0).traceId().equals(processes.get(0).traceId())) {
        problems.add(messageId + " delivered " + deliveries + "x, spans " + ofMessage);
      }
    }
    System.out.println("broker restart: " + afterRecovery + " messages after recovery checked; "
        + result.linesStartingWith("PUBLISH-FAILED").size() + " publishes failed during the outage");
    assertTrue(afterRecovery >= 100, "too few messages after recovery: " + afterRecovery);
    assertEquals(List.of(), problems, "messages after recovery without exactly one publish "
        + "and one process span (parent = publish)");
  }

  private static List<ZipkinSpan> ofKind(List<ZipkinSpan> spans, String kind) {
    return spans.stream().filter(s -> kind.equals(s.kind())).toList();
  }
}
