package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.ApiCheckout;
import io.warren.smoketest.apps.ApiHandler;
import io.warren.smoketest.apps.Sabotaged;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.Jars;
import io.warren.smoketest.harness.ZipkinSpan;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 22: applications that trace a little themselves with the OpenTelemetry API, no SDK of
 * their own, on the oldest and newest API the bridge supports. Per message, one trace in Zipkin:
 * the producer's {@code checkout} span, Warren's publish as its child (also when a thread-pool
 * task submitted inside the span publishes), Warren's process, the consumer's {@code handle} as
 * its child; the attribute, event and status the handler put on the span current are on Warren's
 * process span; the baggage current at the publish is current in the handler. Switched off, or
 * with a tracer that fails at every call, the API is its own no-op: the application sees what it
 * sees without Warren.
 */
class OpenTelemetryApiIT extends SmokeTestBase {
  private static final int MESSAGES = 3;
  private static final String SWITCH = "warren.instrumentation.opentelemetry-api.enabled";

  @ParameterizedTest(name = "opentelemetry-api {0}")
  @ValueSource(strings = {"1.20.0", "1.68.0"})
  void checkoutPublishProcessHandleIsOneTracePerMessage(String apiVersion) {
    Run run = run(apiVersion, "api", this::withAgent);

    List<ZipkinSpan> produced = zipkinClient().awaitSpans(run.producerService, 2 * MESSAGES);
    List<ZipkinSpan> consumed = zipkinClient().awaitSpans(run.consumerService, 3 * MESSAGES);
    Expect.PublishHandleSpans spans = Expect.PublishHandleSpans.of(produced, consumed);
    Map<String, ZipkinSpan> publishes = spans.publishes();
    Map<String, ZipkinSpan> processes = spans.processes();
    Map<String, ZipkinSpan> byId = spans.producedById();
    Map<String, ZipkinSpan> handleByParent = spans.handleByParent();
    Map<String, String> checkoutIds = Expect.lastWordByFirst(run.producer.linesStartingWith("CHECKOUT"));
    Map<String, String> currentIds = Expect.lastWordByFirst(run.consumer.linesStartingWith("CURRENT"));
    Map<String, String> baggage = Expect.lastWordByFirst(run.consumer.linesStartingWith("BAGGAGE"));
    Map<String, String> pooled = Expect.lastWordByFirst(run.producer.linesStartingWith("POOLED"));

    String lastMessage = run.prefix + "-" + MESSAGES;
    assertTrue(pooled.containsKey(lastMessage) && !"main".equals(pooled.get(lastMessage)),
        () -> "the last message is published from the pool: " + pooled);
    for (int n = 1; n <= MESSAGES; n++) {
      String messageId = run.prefix + "-" + n;
      boolean held = n == 2;
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
          () -> assertTrue(process.annotations().stream().anyMatch(
                  a -> a.startsWith("\"order checked\"") && a.contains("\"order.lines\":2")),
              () -> "the handler's event on " + process),
          () -> assertEquals(held ? "ERROR" : "OK", process.tag("otel.status_code"), process::toString),
          () -> assertEquals(held ? "held for review" : null, process.tag("error"), process::toString),
          () -> assertEquals("tenant-" + messageId.substring(messageId.lastIndexOf('-') + 1),
              baggage.get(messageId), "the baggage current at the publish, in the handler"),
          () -> assertNotNull(handleByParent.get(process.id()), () -> "no handle span under " + process
              + "\n" + Expect.lines(consumed)),
          () -> assertEquals(process.traceId(), handleByParent.get(process.id()).traceId()));
    }
  }

  @ParameterizedTest(name = "opentelemetry-api {0}")
  @ValueSource(strings = {"1.20.0", "1.68.0"})
  void switchedOffTheApiIsItsOwnNoOpAndWarrensSpansAreUnchanged(String apiVersion) {
    Run without = run(apiVersion, "api-plain", (app, service) -> withoutAgent(app).name(service));
    Run off = run(apiVersion, "api-off", (app, service) -> withAgent(app, service).property(SWITCH, "false"));

    assertEquals(applicationLines(without), applicationLines(off), "what the application saw, without Warren vs. switched off");
    List<ZipkinSpan> produced = zipkinClient().awaitSpans(off.producerService, MESSAGES);
    List<ZipkinSpan> consumed = zipkinClient().awaitSpans(off.consumerService, MESSAGES);
    assertAll("only Warren's spans, on opentelemetry-api " + apiVersion,
        () -> assertEquals(MESSAGES, produced.size(), () -> Expect.lines(produced)),
        () -> assertTrue(produced.stream().allMatch(s -> "PRODUCER".equals(s.kind())), () -> Expect.lines(produced)),
        () -> assertEquals(MESSAGES, consumed.size(), () -> Expect.lines(consumed)),
        () -> assertTrue(consumed.stream().allMatch(s -> "CONSUMER".equals(s.kind())), () -> Expect.lines(consumed)));
    Map<String, ZipkinSpan> publishes = Expect.byMessageId(produced);
    Map<String, ZipkinSpan> processes = Expect.byMessageId(consumed);
    for (int n = 1; n <= MESSAGES; n++) {
      String messageId = off.prefix + "-" + n;
      ZipkinSpan publish = publishes.get(messageId);
      ZipkinSpan process = processes.get(messageId);
      assertAll(messageId,
          () -> assertNull(publish.parentId(), "no application span above the publish"),
          () -> Expect.childOf(publish, process),
          () -> assertNull(process.tag("order.id"), "nothing the handler set reached Warren's span"),
          () -> assertNull(process.tag("otel.status_code")),
          () -> assertEquals(List.of(), process.annotations()));
    }
  }

  @ParameterizedTest(name = "opentelemetry-api {0}")
  @ValueSource(strings = {"1.20.0", "1.68.0"})
  void aFailingTracerBehindTheBridgeNeverReachesTheApplication(String apiVersion) {
    Run without = run(apiVersion, "api-plain", (app, service) -> withoutAgent(app).name(service));
    Run sabotaged = run(apiVersion, "api-sabotaged", (app, service) -> withAgent(Sabotaged.class, service)
        .args("--app=" + app.getSimpleName()), SmokeEnv.testKitClasspath());

    assertEquals(applicationLines(without), applicationLines(sabotaged),
        "what the application saw, without Warren vs. with a failing tracer");
    for (AgentJvm.Result result : List.of(sabotaged.producer, sabotaged.consumer)) {
      assertAll(result.name(),
          () -> assertTrue(result.stdout().contains("SABOTAGED"), "tracer installed"),
          () -> assertFalse(AgentLog.containing(result, "tracing failed").isEmpty(),
              () -> "the agent did not report the failures\n" + result.describe()),
          () -> assertEquals(List.of(), AgentLog.exceptions(result)));
    }
    List<String> failed = List.of(sabotaged.producer.linesStartingWith("TRACER-FAILED").get(0).split(","));
    assertTrue(failed.containsAll(List.of("start", "contextWithBaggage")),
        () -> "the application's span and baggage went to the failing tracer: " + failed);
  }

  /** A producer run and a consumer run of one mode, and what they were called. */
  private record Run(AgentJvm.Result producer, AgentJvm.Result consumer, String producerService,
      String consumerService, String prefix) {}

  /** How a mode starts a sample app. */
  private interface Mode {
    AgentJvm jvm(Class<?> app, String serviceName);
  }

  private Run run(String apiVersion, String mode, Mode jvm) {
    return run(apiVersion, mode, jvm, null);
  }

  /**
   * ApiCheckout publishes {@link #MESSAGES} messages to a fresh queue, ApiHandler consumes them,
   * both on {@code apiVersion} (and {@code extraClasspath}, if any); each exited normally and
   * every message arrived unchanged.
   */
  private Run run(String apiVersion, String mode, Mode jvm, String extraClasspath) {
    String classpath = Jars.classpathOf(
        Path.of(System.getProperty("smoke.opentelemetry.api.dir", "target/opentelemetry-api"), apiVersion))
        + File.pathSeparator + SmokeEnv.appClasspath()
        + (extraClasspath == null ? "" : File.pathSeparator + extraClasspath);
    String queue = broker.freshQueue(mode);
    String producerService = mode + "-checkout-" + id;
    String consumerService = mode + "-handler-" + id;
    String prefix = "api-" + id;
    AgentJvm.Result producer = Expect.exitedNormally(jvm.jvm(ApiCheckout.class, producerService)
        .classpath(classpath)
        .args("--queue=" + queue, "--count=" + MESSAGES, "--id-prefix=" + prefix)
        .run(APP_TIMEOUT));
    AgentJvm.Result consumer = Expect.exitedNormally(jvm.jvm(ApiHandler.class, consumerService)
        .classpath(classpath)
        .args("--queue=" + queue, "--count=" + MESSAGES)
        .run(APP_TIMEOUT));
    Expect.deliveredUnchanged(Expect.sent(producer), Expect.received(consumer));
    return new Run(producer, consumer, producerService, consumerService, prefix);
  }

  /**
   * What the applications printed about their spans, current span and baggage (and the pool
   * thread that published), sorted.
   */
  private static List<String> applicationLines(Run run) {
    return java.util.stream.Stream.concat(run.producer.stdout().stream(), run.consumer.stdout().stream())
        .filter(l -> l.startsWith("CHECKOUT ") || l.startsWith("POOLED ") || l.startsWith("CURRENT ")
            || l.startsWith("BAGGAGE "))
        .map(l -> l.replaceAll("pool-\\d+-thread-", "pool-thread-")) // the agent's own pools count too
        .sorted().toList();
  }
}
