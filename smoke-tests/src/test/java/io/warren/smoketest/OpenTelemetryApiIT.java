package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.warren.smoketest.apps.ApiCheckout;
import io.warren.smoketest.apps.ApiHandler;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.Jars;
import io.warren.smoketest.harness.ZipkinSpan;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 22: applications that trace a little themselves with the OpenTelemetry API, no SDK of
 * their own, on the oldest and newest API the bridge supports. Per message, one trace in Zipkin:
 * the producer's {@code checkout} span, Warren's publish as its child, Warren's process, the
 * consumer's {@code handle} as its child; the attribute the handler put on the span current is on
 * Warren's process span.
 */
class OpenTelemetryApiIT extends SmokeTestBase {
  private static final int MESSAGES = 3;

  @ParameterizedTest(name = "opentelemetry-api {0}")
  @ValueSource(strings = {"1.20.0", "1.68.0"})
  void checkoutPublishProcessHandleIsOneTracePerMessage(String apiVersion) {
    String classpath = Jars.classpathOf(
        Path.of(System.getProperty("smoke.opentelemetry.api.dir", "target/opentelemetry-api"), apiVersion))
        + File.pathSeparator + SmokeEnv.appClasspath();
    String queue = broker.freshQueue("otel-api");
    String producerService = "api-checkout-" + id;
    String consumerService = "api-handler-" + id;
    String prefix = "api-" + id;

    AgentJvm.Result producer = Expect.exitedNormally(withAgent(ApiCheckout.class, producerService)
        .classpath(classpath)
        .args("--queue=" + queue, "--count=" + MESSAGES, "--id-prefix=" + prefix)
        .run(APP_TIMEOUT));
    AgentJvm.Result consumer = Expect.exitedNormally(withAgent(ApiHandler.class, consumerService)
        .classpath(classpath)
        .args("--queue=" + queue, "--count=" + MESSAGES)
        .run(APP_TIMEOUT));
    Expect.deliveredUnchanged(Expect.sent(producer), Expect.received(consumer));

    List<ZipkinSpan> produced = zipkinClient().awaitSpans(producerService, 2 * MESSAGES);
    List<ZipkinSpan> consumed = zipkinClient().awaitSpans(consumerService, 2 * MESSAGES);
    Map<String, ZipkinSpan> publishes = Expect.byMessageId(
        produced.stream().filter(s -> "PRODUCER".equals(s.kind())).toList());
    Map<String, ZipkinSpan> processes = Expect.byMessageId(
        consumed.stream().filter(s -> "CONSUMER".equals(s.kind())).toList());
    Map<String, ZipkinSpan> byId = new HashMap<>();
    produced.forEach(s -> byId.put(s.id(), s));
    Map<String, ZipkinSpan> handleByParent = new HashMap<>();
    consumed.stream().filter(s -> "handle".equals(s.name())).forEach(s -> handleByParent.put(s.parentId(), s));
    Map<String, String> checkoutIds = lastWordByFirst(producer.linesStartingWith("CHECKOUT"));
    Map<String, String> currentIds = lastWordByFirst(consumer.linesStartingWith("CURRENT"));

    for (int n = 1; n <= MESSAGES; n++) {
      String messageId = prefix + "-" + n;
      ZipkinSpan checkout = byId.get(checkoutIds.get(messageId));
      ZipkinSpan publish = publishes.get(messageId);
      ZipkinSpan process = processes.get(messageId);
      assertAll(messageId + " on opentelemetry-api " + apiVersion,
          () -> assertNotNull(checkout, () -> "no checkout span " + checkoutIds + "\n" + Expect.lines(produced)),
          () -> assertEquals("checkout", checkout.name()),
          () -> assertEquals(null, checkout.parentId(), "checkout is the trace's root"),
          () -> Expect.childOf(checkout, publish),
          () -> Expect.childOf(publish, process),
          () -> assertEquals(process.id(), currentIds.get(messageId), "Span.current() in the handler"),
          () -> assertEquals(messageId, process.tag("order.id")),
          () -> assertNotNull(handleByParent.get(process.id()), () -> "no handle span under " + process
              + "\n" + Expect.lines(consumed)),
          () -> assertEquals(process.traceId(), handleByParent.get(process.id()).traceId()));
    }
  }

  /** {@code "<message id> <span id>"} lines as a map. */
  private static Map<String, String> lastWordByFirst(List<String> lines) {
    Map<String, String> map = new HashMap<>();
    for (String line : lines) {
      String[] words = line.split(" ");
      map.put(words[0], words[words.length - 1]);
    }
    return map;
  }
}
