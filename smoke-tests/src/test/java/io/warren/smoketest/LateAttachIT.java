package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import io.warren.smoketest.apps.SteadyTraffic;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The agent attached to a running application (no -javaagent): the channel and consumer classes
 * are already loaded, so they are retransformed, and the messages that follow are traced.
 */
class LateAttachIT extends SmokeTestBase {

  @Test
  void attachingToARunningApplicationTracesTheMessagesThatFollow() throws Exception {
    String service = "late-attach-" + id;
    String idPrefix = "la-" + id;
    AgentJvm app = withoutAgent(SteadyTraffic.class)
        .serviceName(service)
        .zipkinEndpoint(zipkin().spansEndpoint())
        .property("otel.bsp.schedule.delay", "200");
    SteadyTrafficRun traffic = SteadyTrafficRun.start(app, logDir, service,
        broker.freshQueue("late-attach"), idPrefix);
    AgentJvm.Result result;
    int attachedAfter;
    try {
      traffic.awaitSentAtLeast(20, Duration.ofSeconds(60));
      VirtualMachine vm = VirtualMachine.attach(Long.toString(traffic.pid()));
      try {
        vm.loadAgent(SmokeEnv.agentJar().toAbsolutePath().toString());
      } finally {
        vm.detach();
      }
      attachedAfter = traffic.lastSent(); // loadAgent returns once agentmain has run
      traffic.awaitSentAtLeast(attachedAfter + 60, Duration.ofSeconds(60));
    } finally {
      result = traffic.stop();
    }
    Expect.exitedNormally(result);
    int last = traffic.lastSent();

    // Messages in flight while the classes were retransformed may go either way; the 50 that
    // were published well after the attach must each have a publish span and its child.
    int firstChecked = attachedAfter + 10;
    List<ZipkinSpan> spans = zipkinClient().awaitSpans(service, 2 * (last - firstChecked + 1));
    Map<String, List<ZipkinSpan>> byId = spans.stream()
        .collect(Collectors.groupingBy(s -> s.tag("messaging.message.id")));
    for (int n = firstChecked; n <= last; n++) {
      String messageId = idPrefix + "-" + n;
      List<ZipkinSpan> ofMessage = byId.getOrDefault(messageId, List.of());
      assertEquals(2, ofMessage.size(), () -> messageId + ": " + ofMessage);
      ZipkinSpan publish = ofMessage.stream().filter(s -> "PRODUCER".equals(s.kind()))
          .findFirst().orElseThrow();
      ZipkinSpan process = ofMessage.stream().filter(s -> "CONSUMER".equals(s.kind()))
          .findFirst().orElseThrow();
      Expect.childOf(publish, process);
    }
    assertAll(
        () -> assertTrue(byId.keySet().stream().noneMatch(i -> traffic.number(i) <= 5),
            "messages sent long before the attach have no spans: " + byId.keySet()),
        () -> assertEquals(List.of(), AgentLog.warnings(result)),
        () -> assertEquals(List.of(), AgentLog.exceptions(result)));
  }
}
