package io.warren.bootstrap;

import java.util.Arrays;

/**
 * Spans whose work is done but whose message is not settled yet: a framework calls the
 * application's listener in one method and acknowledges the message later, on the same thread,
 * in the method that called it. Advice on that enclosing method opens a unit of work; spans
 * handed over with {@link #endLater} inside it end when it closes, so they cover the settling
 * too. Outside any unit of work they end at once.
 */
public final class DeferredSpans {

  private static final ThreadLocal<Unit> UNITS = new ThreadLocal<Unit>();

  private DeferredSpans() {}

  /** Opens a unit of work on this thread (nested calls join the outermost one). */
  public static void open() {
    Unit unit = UNITS.get();
    if (unit == null) {
      unit = new Unit();
      UNITS.set(unit);
    }
    unit.depth++;
  }

  /**
   * Ends the span of {@code handle} when the open unit of work closes, or now when none is
   * open; {@code error}, if any, fails it.
   */
  public static void endLater(Object handle, Throwable error) {
    if (handle == null) {
      return;
    }
    Unit unit = UNITS.get();
    if (unit == null || unit.depth == 0 || !unit.add(handle, error)) {
      Tracing.end(handle, error);
    }
  }

  /** Closes the unit of work; its outermost close ends the spans handed over within it. */
  public static void close() {
    Unit unit = UNITS.get();
    if (unit == null || unit.depth == 0) {
      return;
    }
    if (--unit.depth == 0) {
      unit.endAll();
    }
  }

  /** The spans waiting for one unit of work; bounded, the rest end at once. */
  private static final class Unit {
    /** A batch listener's messages and its batch span; beyond this, spans just end earlier. */
    private static final int MAX_SPANS = 1024;

    int depth;
    private Object[] handles = new Object[4];
    private Throwable[] errors = new Throwable[4];
    private int count;

    boolean add(Object handle, Throwable error) {
      if (count == MAX_SPANS) {
        return false;
      }
      if (count == handles.length) {
        handles = Arrays.copyOf(handles, count * 2);
        errors = Arrays.copyOf(errors, count * 2);
      }
      handles[count] = handle;
      errors[count++] = error;
      return true;
    }

    void endAll() {
      for (int i = 0; i < count; i++) {
        Tracing.end(handles[i], errors[i]);
        handles[i] = null;
        errors[i] = null;
      }
      count = 0;
    }
  }
}
