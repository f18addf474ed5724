package io.warren.instrumentation.vertxrabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Vert.x's hand-offs with the modules installed in this JVM ({@link InstalledModules}), as
 * the agent installs them: a context's ordered worker tasks (executeBlocking) queued together run
 * in one runner of the worker pool, which the JDK executor gave the first submitter's context;
 * each task must still run with the context it was handed over in, or none.
 */
class VertxHandOffTest {
  private static Tracer tracer;
  private static Vertx vertx;

  @BeforeAll
  static void install() {
    tracer = InstalledModules.install();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void orderedBlockingTasksQueuedTogetherEachRunWithTheirOwnContextOrNone() throws Exception {
    Map<String, String> seen = new ConcurrentHashMap<>();
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch othersQueued = new CountDownLatch(1);
    CompletableFuture<Map<String, String>> spans = new CompletableFuture<>();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      String first = inSpan(() -> vertx.executeBlocking(() -> {
        seen.put("first", currentSpanId());
        firstRunning.countDown();
        othersQueued.await(10, TimeUnit.SECONDS); // the others queue behind it, in its runner
        return null;
      }));
      await(firstRunning);
      String second = inSpan(() -> vertx.executeBlocking(() -> seen.put("second", currentSpanId())));
      vertx.executeBlocking(() -> seen.put("untraced", currentSpanId()))
          .onComplete(done -> vertx.executeBlocking(() -> seen.put("after", currentSpanId()))
              .onComplete(last -> spans.complete(Map.of("first", first, "second", second))));
      othersQueued.countDown();
    });
    Map<String, String> expected = spans.get(10, TimeUnit.SECONDS);
    assertEquals(Map.of("first", expected.get("first"), "second", expected.get("second"),
        "untraced", "none", "after", "none"), seen);
  }

  @Test
  void anEventLoopTaskRunsWithTheContextItWasHandedOverInAndLeavesNothingBehind()
      throws Exception {
    Map<String, String> seen = new ConcurrentHashMap<>();
    CompletableFuture<String> ran = new CompletableFuture<>();
    Context context = vertx.getOrCreateContext();
    // From a worker thread, so the tasks really go through the event loop's executor; the loop
    // runs them in order, the last one after the other two.
    vertx.executeBlocking(() -> {
      String span = inSpan(() -> context.runOnContext(v -> seen.put("task", currentSpanId())));
      context.runOnContext(v -> seen.put("next", currentSpanId()));
      context.runOnContext(v -> ran.complete(span));
      return null;
    });
    String span = ran.get(10, TimeUnit.SECONDS);
    assertEquals(Map.of("task", span, "next", "none"), seen);
  }

  /** Runs {@code work} in a new span, current while it runs; returns the span's id. */
  private static String inSpan(Runnable work) {
    Span span = tracer.spanBuilder("handler").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      work.run();
    } finally {
      span.end();
    }
    return span.getSpanContext().getSpanId();
  }

  private static String currentSpanId() {
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() ? context.getSpanId() : "none";
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
