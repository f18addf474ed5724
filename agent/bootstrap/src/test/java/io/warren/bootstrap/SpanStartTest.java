package io.warren.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.bootstrap.testing.RecordingBackend;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpanStartTest {

  private static final String SCOPE = "io.warren.test";
  private static final SpanAttribute TEXT = SpanAttribute.string("test.text");
  private static final SpanAttribute NUMBER = SpanAttribute.longValue("test.number");
  private static final SpanAttribute FLAG = SpanAttribute.flag("test.flag");
  private static final SpanAttribute LIST = SpanAttribute.stringList("test.list");

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
  void aClearedDescriptionIsTakenAgain() {
    SpanStart first = SpanStart.begin(SCOPE, SpanStart.Kind.PRODUCER, "one");
    first.clear();
    SpanStart second = SpanStart.begin(SCOPE, SpanStart.Kind.CONSUMER, "two");
    try {
      assertSame(first, second);
      assertEquals(SpanStart.Kind.CONSUMER, second.kind());
      assertEquals("two", second.name());
    } finally {
      second.clear();
    }
  }

  @Test
  void aBeginWhileAnotherIsBeingFilledGetsItsOwnInstance() {
    SpanStart outer = SpanStart.begin(SCOPE, SpanStart.Kind.CONSUMER, "outer").set(TEXT, "o");
    SpanStart inner = SpanStart.begin(SCOPE, SpanStart.Kind.PRODUCER, "inner").set(TEXT, "i");
    try {
      assertNotSame(outer, inner);
      assertEquals("outer", outer.name());
      assertEquals("o", outer.value(0));
      assertEquals(1, outer.attributeCount(), "the nested description wrote nothing into it");
      assertEquals("inner", inner.name());
    } finally {
      inner.clear();
      outer.clear();
    }
    SpanStart again = SpanStart.begin(SCOPE, SpanStart.Kind.INTERNAL, "again");
    again.clear();
    assertSame(outer, again, "the thread's own instance is reused once it is free");
  }

  @Test
  void startingConsumesTheDescription() {
    Map<String, Object> headers = new HashMap<>();
    SpanStart span =
        SpanStart.begin(SCOPE, SpanStart.Kind.PRODUCER, "publish x")
            .set(TEXT, "t")
            .set(NUMBER, 7)
            .injectInto(headers)
            .linkFrom(headers)
            .startedAt(42);

    Object handle = Tracing.start(span);

    assertEquals("span-1", handle);
    assertEquals(List.of("publish x"), backend.startedNames());
    assertEquals(0, span.attributeCount());
    assertEquals(0, span.linkCount());
    assertNull(span.name());
    assertNull(span.injectInto());
    assertNull(span.parentFrom());
    assertEquals(0, span.startEpochNanos());
    assertSame(span, SpanStart.begin(SCOPE, SpanStart.Kind.INTERNAL, "next"), "free again");
    span.clear();
  }

  @Test
  void aFailingBackendStillConsumesTheDescription() {
    Tracing.install(
        new RecordingBackend() {
          @Override
          public Object startCurrent(SpanStart span) {
            throw new IllegalStateException("backend bug");
          }
        });
    long errors = AdviceErrors.count();
    SpanStart span = SpanStart.begin(SCOPE, SpanStart.Kind.CONSUMER, "process x").set(TEXT, "t");

    assertNull(Tracing.startCurrent(span));

    assertEquals(errors + 1, AdviceErrors.count());
    assertEquals(0, span.attributeCount());
    assertSame(span, SpanStart.begin(SCOPE, SpanStart.Kind.INTERNAL, "next"), "free again");
    span.clear();
  }

  @Test
  void valuesOfEveryTypeAreKeptAndNullsLeftOut() {
    SpanStart span =
        SpanStart.begin(SCOPE, SpanStart.Kind.INTERNAL, "x")
            .set(TEXT, (String) null)
            .set(LIST, (List<String>) null)
            .set(TEXT, "text")
            .set(NUMBER, 5L)
            .set(FLAG, true)
            .set(LIST, List.of("a", "b"));
    try {
      assertEquals(4, span.attributeCount());
      assertSame(TEXT, span.key(0));
      assertEquals("text", span.value(0));
      assertSame(NUMBER, span.key(1));
      assertNull(span.value(1), "a long has no object value");
      assertEquals(5L, span.longValue(1));
      assertEquals(Boolean.TRUE, span.value(2));
      assertEquals(List.of("a", "b"), span.value(3));
    } finally {
      span.clear();
    }
  }

  @Test
  void attributesAndLinksBeyondTheLimitsAreDropped() {
    SpanStart span = SpanStart.begin(SCOPE, SpanStart.Kind.CONSUMER, "batch");
    try {
      for (int i = 0; i < 40; i++) {
        span.set(NUMBER, i);
      }
      for (int i = 0; i < 200; i++) {
        span.linkFrom(Map.of("n", i));
      }
      span.linkFrom(null);
      assertEquals(32, span.attributeCount());
      assertEquals(31L, span.longValue(31));
      assertEquals(128, span.linkCount());
      assertEquals(Map.of("n", 127), span.link(127));
    } finally {
      span.clear();
    }
    assertEquals(0, span.linkCount());
    assertTrue(span.attributeCount() == 0);
  }
}
