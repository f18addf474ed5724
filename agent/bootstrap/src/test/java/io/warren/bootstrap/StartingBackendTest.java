package io.warren.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.bootstrap.testing.RecordingBackend;
import io.warren.bootstrap.testing.RecordingMetricsBackend;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** While the SDK starts, classes are instrumented already: the first span waits for it. */
class StartingBackendTest {

  @AfterEach
  void restore() {
    Metrics.install(null);
    Tracing.install(TracingBackend.NOOP);
  }

  @Test
  void aMeasurementMadeWhileTheAgentStartsWaitsForItsMetricsBackend() throws Exception {
    Tracing.installing();
    CompletableFuture<Boolean> enabled = new CompletableFuture<>();
    Thread measuring = new Thread(() -> enabled.complete(Metrics.enabled()));
    measuring.start();
    awaitWaitingForTheBackend(measuring);
    assertFalse(enabled.isDone(), "the check waits for the agent's start");

    Metrics.install(new RecordingMetricsBackend());
    Tracing.install(new RecordingBackend());

    assertTrue(enabled.get(5, TimeUnit.SECONDS), "metrics are on: the first message is counted");
  }

  @Test
  void aSpanStartedWhileTheAgentStartsWaitsAndGoesToTheBackendInstalledThen() throws Exception {
    Tracing.installing();
    CompletableFuture<Object> handle = new CompletableFuture<>();
    Thread starting =
        new Thread(() -> handle.complete(Tracing.start(SpanStart.begin("scope", SpanStart.Kind.PRODUCER, "early"))));
    starting.start();
    awaitWaitingForTheBackend(starting);
    assertFalse(handle.isDone(), "the span waits for the backend");

    RecordingBackend backend = new RecordingBackend();
    Tracing.install(backend);

    assertEquals("span-1", handle.get(5, TimeUnit.SECONDS));
    assertEquals(List.of("early"), backend.startedNames());
  }

  /** Until the thread is parked inside the starting backend: it waits there, positively seen. */
  private static void awaitWaitingForTheBackend(Thread thread) {
    while (!(thread.getState() == Thread.State.TIMED_WAITING && isIn(thread, StartingBackend.class))) {
      assertTrue(thread.isAlive(), "the span did not wait for the backend");
      Thread.yield();
    }
  }

  private static boolean isIn(Thread thread, Class<?> type) {
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (frame.getClassName().equals(type.getName())) {
        return true;
      }
    }
    return false;
  }

  @Test
  void whenTracingFailsToStartTheWaitingSpanGoesOnUntraced() throws Exception {
    Tracing.installing();
    CompletableFuture<Object> handle =
        CompletableFuture.supplyAsync(() -> Tracing.startCurrent(SpanStart.begin("scope", SpanStart.Kind.CONSUMER, "early")));

    Tracing.install(null);

    assertNull(handle.get(5, TimeUnit.SECONDS));
  }

  @Test
  void whatOnlyAsksForTheCurrentContextNeverWaits() {
    Tracing.installing();

    assertNull(Tracing.currentContext());
    assertNull(Tracing.currentTraceIds());
    Tracing.end("no-such-span", null);
    assertTrue(Tracing.backend() instanceof StartingBackend);
  }
}
