package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.ApiHandler;
import io.warren.smoketest.apps.WithSpanCheckout;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.Jars;
import io.warren.smoketest.harness.ZipkinSpan;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 22: {@code @WithSpan} methods in an application that traces with the OpenTelemetry API
 * alone, on the oldest and newest API the bridge supports. Per order, in Zipkin: the
 * application's {@code checkout}, its synchronous {@code @WithSpan} method as the child (with its
 * {@code @SpanAttribute} and what it set on {@code Span.current()}), that method's publish, the
 * process span and the consumer's {@code handle}; and the {@code CompletableFuture} method, the
 * child of {@code checkout} too, the parent of the publish made on a pool thread, ended when its
 * future completed.
 */
class WithSpanIT extends SmokeTestBase {
  private static final int ORDERS = 3;

  @ParameterizedTest(name = "opentelemetry-api {0}")
  @ValueSource(strings = {"1.20.0", "1.68.0"})
  void annotatedMethodsAreSpansBetweenTheApplicationsSpanAndItsPublishes(String apiVersion) {
    String classpath = Jars.classpathOf(
        Path.of(System.getProperty("smoke.opentelemetry.api.dir", "target/opentelemetry-api"), apiVersion))
        + File.pathSeparator + Jars.classpathOf(Path.of(
            System.getProperty("smoke.opentelemetry.annotations.dir", "target/opentelemetry-annotations")))
        + File.pathSeparator + SmokeEnv.appClasspath();
    String queue = broker.freshQueue("with-span");
    String producerService = "with-span-checkout-" + id;
    String consumerService = "with-span-handler-" + id;
    String prefix = "ws-" + id;

    AgentJvm.Result producer = Expect.exitedNormally(withAgent(WithSpanCheckout.class, producerService)
        .classpath(classpath)
        .args("--queue=" + queue, "--count=" + ORDERS, "--id-prefix=" + prefix)
        .run(APP_TIMEOUT));
    AgentJvm.Result consumer = Expect.exitedNormally(withAgent(ApiHandler.class, consumerService)
        .classpath(classpath)
        .args("--queue=" + queue, "--count=" + 2 * ORDERS)
        .run(APP_TIMEOUT));
    Expect.deliveredUnchanged(Expect.sent(producer), Expect.received(consumer));

    // Per order: checkout, two annotated methods, two publishes; two process and two handle spans.
    List<ZipkinSpan> produced = zipkinClient().awaitSpans(producerService, 5 * ORDERS);
    List<ZipkinSpan> consumed = zipkinClient().awaitSpans(consumerService, 4 * ORDERS);
    Expect.PublishHandleSpans spans = Expect.PublishHandleSpans.of(produced, consumed);
    Map<String, ZipkinSpan> publishes = spans.publishes();
    Map<String, ZipkinSpan> processes = spans.processes();
    Map<String, ZipkinSpan> byId = spans.producedById();
    Map<String, ZipkinSpan> handleByParent = spans.handleByParent();
    // "<order> <checkout span id>"
    Map<String, String> checkoutIds = Expect.lastWordByFirst(producer.linesStartingWith("CHECKOUT"));

    for (int n = 1; n <= ORDERS; n++) {
      String order = prefix + "-" + n;
      ZipkinSpan checkout = byId.get(checkoutIds.get(order));
      ZipkinSpan publishSync = publishes.get(order + "-sync");
      ZipkinSpan publishAsync = publishes.get(order + "-async");
      ZipkinSpan place = publishSync == null ? null : byId.get(publishSync.parentId());
      ZipkinSpan later = publishAsync == null ? null : byId.get(publishAsync.parentId());
      ZipkinSpan process = processes.get(order + "-sync");
      assertAll(order + " on opentelemetry-api " + apiVersion,
          () -> assertNotNull(checkout, () -> "no checkout span " + checkoutIds + "\n" + Expect.lines(produced)),
          () -> assertNull(checkout.parentId(), "checkout is the trace's root"),
          () -> assertNotNull(place, () -> "no parent of the synchronous publish\n" + Expect.lines(produced)),
          () -> assertEquals("WithSpanCheckout$Orders.place".toLowerCase(Locale.ROOT), place.name()),
          () -> Expect.childOf(checkout, place),
          () -> assertEquals(order + "-sync", place.tag("order.id"), "its @SpanAttribute"),
          () -> assertEquals("place", place.tag("order.step"), "set on Span.current() inside it"),
          () -> assertNotNull(later, () -> "no parent of the asynchronous publish\n" + Expect.lines(produced)),
          () -> assertEquals("place later", later.name()),
          () -> Expect.childOf(checkout, later),
          () -> assertEquals(order + "-async", later.tag("order.id")),
          () -> assertTrue(later.duration() >= WithSpanCheckout.ASYNC_WORK_MILLIS * 1000,
              () -> "ended when its future completed, not when the method returned: " + later),
          () -> Expect.childOf(publishSync, process),
          () -> assertNotNull(handleByParent.get(process.id()), () -> "no handle span under " + process
              + "\n" + Expect.lines(consumed)),
          () -> Expect.childOf(publishAsync, processes.get(order + "-async")));
    }
  }
}
