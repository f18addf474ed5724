package io.warren.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.warren.bootstrap.testing.RecordingBackend;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeferredSpansTest {

  private final RecordingBackend backend = new RecordingBackend();

  @BeforeEach
  void install() {
    Tracing.install(backend);
  }

  @AfterEach
  void restore() {
    Tracing.install(TracingBackend.NOOP);
  }

  @Test
  void outsideAUnitOfWorkASpanEndsAtOnce() {
    IllegalStateException failure = new IllegalStateException("listener failed");

    DeferredSpans.endLater("a", null);
    DeferredSpans.endLater("b", failure);

    assertEquals(
        List.of(new RecordingBackend.End("a", null), new RecordingBackend.End("b", failure)),
        backend.ended);
  }

  @Test
  void insideAUnitOfWorkSpansEndWhenItClosesWithTheirErrors() {
    IllegalStateException failure = new IllegalStateException("listener failed");

    DeferredSpans.open();
    DeferredSpans.endLater("first", null);
    DeferredSpans.endLater("second", failure);
    assertEquals(List.of(), backend.ended, "nothing ends before the unit of work closes");
    DeferredSpans.close();

    assertEquals(2, backend.ended.size());
    assertEquals("first", backend.ended.get(0).id());
    assertEquals(null, backend.ended.get(0).error());
    assertEquals("second", backend.ended.get(1).id());
    assertSame(failure, backend.ended.get(1).error(), "the error is passed through as given");
  }

  @Test
  void nestedUnitsJoinTheOutermostOne() {
    DeferredSpans.open();
    DeferredSpans.endLater("outer", null);
    DeferredSpans.open();
    DeferredSpans.endLater("inner", null);
    DeferredSpans.close();
    assertEquals(List.of(), backend.ended, "the inner close ends nothing");

    DeferredSpans.close();
    assertEquals(
        List.of(new RecordingBackend.End("outer", null), new RecordingBackend.End("inner", null)),
        backend.ended);

    DeferredSpans.endLater("after", null);
    assertEquals(3, backend.ended.size(), "after the outermost close, spans end at once again");
    assertEquals("after", backend.ended.get(2).id());
  }

  @Test
  void aUnitOfWorkCanBeOpenedAgainAfterItClosed() {
    DeferredSpans.open();
    DeferredSpans.endLater("one", null);
    DeferredSpans.close();
    DeferredSpans.open();
    DeferredSpans.endLater("two", null);
    assertEquals(1, backend.ended.size(), "the first unit's span only");
    DeferredSpans.close();

    assertEquals(2, backend.ended.size());
    assertEquals("two", backend.ended.get(1).id());
  }

  @Test
  void anUnbalancedCloseAndANullHandleAreHarmless() {
    DeferredSpans.close();
    DeferredSpans.endLater(null, new IllegalStateException());
    DeferredSpans.open();
    DeferredSpans.endLater(null, null);
    DeferredSpans.close();
    DeferredSpans.close();

    assertEquals(List.of(), backend.ended);
    DeferredSpans.endLater("x", null);
    assertEquals(1, backend.ended.size(), "no unit of work is left open");
  }

  @Test
  void beyondItsBoundAUnitOfWorkEndsSpansAtOnce() {
    DeferredSpans.open();
    for (int i = 0; i < 1024; i++) {
      DeferredSpans.endLater("kept-" + i, null);
    }
    assertEquals(0, backend.ended.size());
    DeferredSpans.endLater("overflow", null);
    assertEquals(
        List.of(new RecordingBackend.End("overflow", null)), backend.ended, "the 1025th ends now");
    DeferredSpans.close();

    assertEquals(1025, backend.ended.size());
    assertEquals("kept-1023", backend.ended.get(1024).id());
  }

  @Test
  void eachThreadHasItsOwnUnitOfWork() throws Exception {
    DeferredSpans.open();
    try {
      Thread other = new Thread(() -> DeferredSpans.endLater("elsewhere", null));
      other.start();
      other.join();
      assertEquals(1, backend.ended.size(), "another thread's span is not held by this unit");
    } finally {
      DeferredSpans.close();
    }
  }
}
