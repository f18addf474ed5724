package io.warren.instrumentation.opentelemetryannotations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.testing.RecordingBackend;
import com.example.shop.Shop;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @WithSpan} methods of an application, in this JVM, recorded by the test kit. */
class WithSpanTest {

  private RecordingBackend backend;
  private final Shop shop = newShop();

  private static Shop newShop() {
    AgentInThisJvm.install(); // before the application's class loads
    return new Shop();
  }

  @BeforeEach
  void install() {
    backend = AgentInThisJvm.install();
  }

  /** What a module's advice would do inside the method: start a producer span. */
  private static void publish() {
    Tracing.end(Tracing.start(SpanStart.begin("io.warren.test", SpanStart.Kind.PRODUCER, "publish")), null);
  }

  private RecordingBackend.Span only(String name) {
    List<RecordingBackend.Span> named = backend.named(name);
    assertEquals(1, named.size(), () -> name + " in " + backend.started);
    return named.get(0);
  }

  @Test
  void theMethodIsAnInternalSpanNamedClassDotMethodCurrentWhileItRuns() {
    assertEquals("checked out", shop.checkout(WithSpanTest::publish));

    RecordingBackend.Span checkout = only("Shop.checkout");
    assertEquals(SpanStart.Kind.INTERNAL, checkout.kind());
    assertEquals("io.warren.opentelemetry-annotations", checkout.instrumentation());
    assertTrue(checkout.madeCurrent());
    assertEquals(checkout.id(), only("publish").currentAtStart(), "the publish inside is its child");
    assertTrue(backend.isEnded(checkout.id()));
    assertNull(backend.ended.get(backend.ended.size() - 1).error());
    assertNull(backend.currentSpanId(), "nothing current once it returned");
  }

  @Test
  void itsParentIsTheSpanCurrentWhereItIsCalled() {
    Object handler = Tracing.startCurrent(SpanStart.begin("io.warren.test", SpanStart.Kind.CONSUMER, "process"));
    try {
      shop.checkout(() -> {});
    } finally {
      Tracing.end(handler, null);
    }
    assertEquals(only("process").id(), only("Shop.checkout").currentAtStart());
  }

  @Test
  void theAnnotationNamesTheSpanAndItsKind() {
    assertEquals(5, shop.price("apple"));
    assertEquals(SpanStart.Kind.CLIENT, only("price lookup").kind());
  }

  @Test
  void anExceptionFailsTheSpanAndReachesTheCallerUnchanged() {
    IllegalStateException error = new IllegalStateException("out of stock");
    assertSame(error, assertThrows(IllegalStateException.class, () -> shop.fail(error)));
    IOException checked = new IOException("disk");
    assertSame(checked, assertThrows(IOException.class, () -> shop.failChecked(checked)));

    assertEquals(List.of(new RecordingBackend.End(only("Shop.fail").id(), error),
            new RecordingBackend.End(only("Shop.failChecked").id(), checked)),
        backend.ended);
    assertNull(backend.currentSpanId());
  }

  @Test
  void aReturnedFutureEndsTheSpanWhenItCompletesNotBefore() {
    CompletableFuture<String> result = new CompletableFuture<>();
    assertSame(result, shop.later(result), "the application's own future");

    String id = only("Shop.later").id();
    assertFalse(backend.isEnded(id), "still running");
    assertNull(backend.currentSpanId(), "but no longer current on the caller's thread");
    result.complete("done");
    assertEquals(List.of(new RecordingBackend.End(id, null)), backend.ended);
    assertEquals("done", result.join());
  }

  @Test
  void aFutureCompletedExceptionallyFailsTheSpanWithItsException() {
    CompletableFuture<String> result = new CompletableFuture<>();
    CompletionStage<String> stage = shop.stage(result);
    String id = only("stage").id();
    assertFalse(backend.isEnded(id));

    IllegalStateException error = new IllegalStateException("payment refused");
    result.completeExceptionally(error);
    assertEquals(List.of(new RecordingBackend.End(id, error)), backend.ended, "not its CompletionException");
    assertTrue(stage.toCompletableFuture().isCompletedExceptionally());
  }

  @Test
  void anAlreadyCompletedFutureEndsTheSpanAtOnce() {
    shop.later(CompletableFuture.completedFuture("done"));
    assertEquals(List.of(new RecordingBackend.End(only("Shop.later").id(), null)), backend.ended);
  }

  @Test
  void spanAttributeParametersAreAttributesByTheirDeclaredType() {
    shop.order("o-1", 3, true, 12.5, List.of("tea", "cake"), new int[] {1, 2},
        new Shop.Customer(7), null, "no name", "not an attribute");

    Map<String, Object> attributes = only("Shop.order").attributes();
    assertEquals(Map.of(
            "order.id", "o-1",
            "order.count", 3L,
            "order.gift", true,
            "order.total", "12.5",
            "order.items", List.of("tea", "cake"),
            "order.sizes", List.of("1", "2"),
            "order.customer", "customer 7"),
        attributes,
        "null left out; a @SpanAttribute without a name, compiled without -parameters, is none");
  }

  @Test
  void inheritContextFalseStartsANewTraceAndGivesTheCallersContextBack() {
    Object handler = Tracing.startCurrent(SpanStart.begin("io.warren.test", SpanStart.Kind.CONSUMER, "process"));
    try {
      shop.nightly(WithSpanTest::publish);
      assertEquals(only("process").id(), backend.currentSpanId(), "the caller's span is current again");
    } finally {
      Tracing.end(handler, null);
    }
    RecordingBackend.Span nightly = only("nightly");
    assertEquals("", nightly.currentAtStart(), "no span was current where it started");
    assertEquals(nightly.id(), only("publish").currentAtStart());
  }

  @Test
  void aMethodWithoutTheAnnotationGetsNoSpan() {
    assertEquals("plain", shop.plain());
    assertEquals(List.of(), backend.started);
  }
}
