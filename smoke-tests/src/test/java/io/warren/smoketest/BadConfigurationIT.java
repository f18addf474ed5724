package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.ItemSubscriptions;
import io.warren.smoketest.apps.Notifications;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One bad setting on both the producer and the consumer: the applications run as without the
 * agent, the agent says exactly once what it ignored, and where the documented fallback exports
 * to the configured Zipkin, traces still connect producer and consumer.
 */
class BadConfigurationIT extends SmokeTestBase {
  private static final int MESSAGES = 3;

  static Stream<Arguments> badSettings() {
    return Stream.of(
        // setting, bad value, what the warning names, whether spans still reach our Zipkin
        Arguments.of("otel.traces.exporter", "zipkn", "otel.traces.exporter", true),
        Arguments.of("otel.exporter.zipkin.endpoint", "htp:/127.0.0.1:9411 spans",
            "otel.exporter.zipkin.endpoint", false),
        Arguments.of("otel.traces.sampler.arg", "5", "otel.traces.sampler.arg", true),
        Arguments.of("otel.propagators", "tracecontext,baggage,xray-typo", "xray-typo", true),
        Arguments.of("warren.debgu", "true", "-Dwarren.debgu", true),
        Arguments.of("otel.traces.exportr", "none", "did you mean otel.traces.exporter?", true));
  }

  @ParameterizedTest(name = "-D{0}={1}")
  @MethodSource("badSettings")
  void badSettingIsReportedOnceAndIgnored(String key, String value, String named,
      boolean exportsHere) {
    String queue = broker.freshQueue("bad-config");
    String tag = key.replaceAll("[^a-z]", "") + "-" + id;
    String producerService = "bad-producer-" + tag;
    String consumerService = "bad-consumer-" + tag;

    AgentJvm.Running consumer = withAgent(Notifications.class, consumerService)
        .property(key, value).args("--queue=" + queue, "--count=" + MESSAGES).start();
    AgentJvm.Result producer = Expect.exitedNormally(withAgent(ItemSubscriptions.class,
        producerService).property(key, value)
        .args("--queue=" + queue, "--count=" + MESSAGES, "--id-prefix=bad-" + id)
        .run(APP_TIMEOUT));
    AgentJvm.Result consumed = Expect.exitedNormally(consumer.awaitExit(APP_TIMEOUT));
    Expect.deliveredUnchanged(Expect.sent(producer), Expect.received(consumed));

    for (AgentJvm.Result app : List.of(producer, consumed)) {
      // What the fallback then does (e.g. Zipkin unreachable at the default endpoint) is
      // reported separately; the setting itself must be reported once.
      List<String> warnings = AgentLog.warnings(app).stream()
          .filter(w -> !w.contains("cannot send spans") && !w.contains("were not exported"))
          .toList();
      assertAll(app.name(),
          () -> assertEquals(1, warnings.size(), () -> "expected one warning, got:\n"
              + String.join("\n", warnings)),
          () -> assertTrue(warnings.get(0).contains(named), warnings.get(0)),
          () -> assertEquals(List.of(), AgentLog.exceptions(app)));
    }
    if (exportsHere) {
      List<ZipkinSpan> publishes = zipkinClient().awaitSpans(producerService, MESSAGES);
      List<ZipkinSpan> processes = zipkinClient().awaitSpans(consumerService, MESSAGES);
      assertEquals(MESSAGES, publishes.size(), () -> Expect.lines(publishes));
      assertEquals(MESSAGES, processes.size(), () -> Expect.lines(processes));
      var publishById = Expect.byMessageId(publishes);
      for (ZipkinSpan process : processes) {
        Expect.childOf(publishById.get(process.tag("messaging.message.id")), process);
      }
    } else {
      // The fallback endpoint is not our Zipkin; the messages still carry trace context.
      Expect.received(consumed).forEach(m -> assertTrue(m.headers().containsKey("traceparent"),
          () -> "no traceparent on " + m));
    }
  }
}
