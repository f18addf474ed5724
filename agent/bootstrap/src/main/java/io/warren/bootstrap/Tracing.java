package io.warren.bootstrap;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;

/**
 * The static entry point that advice and module helpers call. It holds the backend the agent
 * installed (a no-op until then, or a {@link StartingBackend} while it starts) and guarantees that nothing the backend does throws into the
 * application: a failure is reported to {@link AdviceErrors} and the call goes on untraced.
 */
public final class Tracing {

  private static volatile TracingBackend backend = TracingBackend.NOOP;

  private Tracing() {}

  /** Installs the backend (null: none), releasing spans that wait for it. */
  public static void install(TracingBackend installed) {
    TracingBackend previous = backend;
    backend = installed == null ? TracingBackend.NOOP : installed;
    if (previous instanceof StartingBackend) {
      ((StartingBackend) previous).released();
    }
  }

  /**
   * The backend is being started: until {@link #install}, a span about to start waits for it
   * (bounded), instead of being lost.
   */
  public static void installing() {
    if (backend == TracingBackend.NOOP) {
      backend = new StartingBackend();
    }
  }

  /** True while the agent starts: its backends are not installed yet. */
  static boolean isStarting() {
    return backend instanceof StartingBackend;
  }

  /** While the agent starts, waits (bounded) until it has installed its backends. */
  static void awaitStarted() {
    TracingBackend current = backend;
    if (current instanceof StartingBackend) {
      ((StartingBackend) current).awaitInstalled();
    }
  }

  static TracingBackend backend() {
    return backend;
  }

  /**
   * Starts the span described; returns its handle, or null (always on the agent's own threads,
   * see {@link AgentThreads}). Consumes {@code span}.
   */
  public static Object start(SpanStart span) {
    try {
      return span.isSkipped() || AgentThreads.isCurrent() ? null : backend.start(span);
    } catch (Throwable t) {
      AdviceErrors.report(t);
      return null;
    } finally {
      span.clear();
    }
  }

  /** Starts the span described and makes it current on this thread. Consumes {@code span}. */
  public static Object startCurrent(SpanStart span) {
    try {
      return span.isSkipped() || AgentThreads.isCurrent() ? null : backend.startCurrent(span);
    } catch (Throwable t) {
      AdviceErrors.report(t);
      return null;
    } finally {
      span.clear();
    }
  }

  /** The span stays open but is no longer current on this thread. */
  public static void closeScope(Object handle) {
    if (handle != null) {
      try {
        backend.closeScope(handle);
      } catch (Throwable t) {
        AdviceErrors.report(t);
      }
    }
  }

  /** An exception event on the span of {@code handle}, or on the current span when null. */
  public static void recordException(Object handle, Throwable error) {
    if (error != null) {
      try {
        backend.recordException(handle, error);
      } catch (Throwable t) {
        AdviceErrors.report(t);
      }
    }
  }

  /** Adds an attribute to a started span ({@code value}: String, Long, Boolean or a List). */
  public static void setAttribute(Object handle, SpanAttribute key, Object value) {
    if (handle != null && value != null) {
      try {
        backend.setAttribute(handle, key, value);
      } catch (Throwable t) {
        AdviceErrors.report(t);
      }
    }
  }

  /** Ends the span of {@code handle} (closing its scope if still open); null is ignored. */
  public static void end(Object handle, Throwable error) {
    if (handle != null) {
      try {
        backend.end(handle, error);
      } catch (Throwable t) {
        AdviceErrors.report(t);
      }
    }
  }

  /** The context of a started span, valid after it ended (see {@link SpanStart#childOf}); or null. */
  public static Object contextOf(Object handle) {
    if (handle != null) {
      try {
        return backend.contextOf(handle);
      } catch (Throwable t) {
        AdviceErrors.report(t);
      }
    }
    return null;
  }

  /** Renames an open span (a server span, once the framework has matched its route). */
  public static void updateName(Object handle, String name) {
    if (handle != null && name != null) {
      try {
        backend.updateName(handle, name);
      } catch (Throwable t) {
        AdviceErrors.report(t);
      }
    }
  }

  /** Marks an open span failed, without an exception; it still has to be ended. */
  public static void fail(Object handle, String errorType, String description) {
    if (handle != null) {
      try {
        backend.fail(handle, errorType, description);
      } catch (Throwable t) {
        AdviceErrors.report(t);
      }
    }
  }

  /** True when the headers in {@code carrier} carry the context of the span of {@code handle}. */
  public static boolean isContextIn(Object handle, Map<String, Object> carrier) {
    if (handle != null && carrier != null) {
      try {
        return backend.isContextIn(handle, carrier);
      } catch (Throwable t) {
        AdviceErrors.report(t);
      }
    }
    return false;
  }

  /**
   * The ids of the span current on this thread, or null when none is (or the agent has not
   * started). Log correlation calls it once per log event, where the event is created.
   */
  public static TraceIds currentTraceIds() {
    try {
      return backend.currentTraceIds();
    } catch (Throwable t) {
      AdviceErrors.report(t);
      return null;
    }
  }

  /**
   * The context current on this thread, as an opaque object to make current on another thread
   * with {@link #attach}; null when none is (nothing to carry) or the agent has not started.
   */
  public static Object currentContext() {
    try {
      return backend.currentContext();
    } catch (Throwable t) {
      AdviceErrors.report(t);
      return null;
    }
  }

  /**
   * Makes a context from {@link #currentContext} current on this thread, in place of whatever
   * is; returns the scope to hand to {@link #detach} on this thread, or null. Null is ignored.
   */
  public static Object attach(Object context) {
    if (context != null) {
      try {
        return backend.attach(context);
      } catch (Throwable t) {
        AdviceErrors.report(t);
      }
    }
    return null;
  }

  /**
   * Makes no context current on this thread: for a task handed over with none, run by a
   * framework's own runner that the JDK's executor gave another task's context. Returns the scope
   * to hand to {@link #detach} on this thread, or null when no context was current (nothing to
   * undo).
   */
  public static Object attachNone() {
    try {
      return backend.attachNone();
    } catch (Throwable t) {
      AdviceErrors.report(t);
      return null;
    }
  }

  /**
   * Ends a scope from {@link #attach}: the context current before it is current again, whatever
   * the code in between left current. Null is ignored.
   */
  public static void detach(Object scope) {
    if (scope != null) {
      try {
        backend.detach(scope);
      } catch (Throwable t) {
        AdviceErrors.report(t);
      }
    }
  }

  /**
   * The handle of the span in a context from {@link #currentContext} (null: none), to use with
   * {@link #setAttribute}, {@link #end} and the other handle calls as a started span's; null when
   * the context holds no valid span. For code that lets the application reach the span current
   * in its own terms.
   */
  public static Object spanIn(Object context) {
    if (context != null) {
      try {
        return backend.spanIn(context);
      } catch (Throwable t) {
        AdviceErrors.report(t);
      }
    }
    return null;
  }

  /**
   * A context like {@code context} (null: none) but with the span of {@code handle} in it, to
   * make current with {@link #attach}; null when either is missing or none can be made.
   */
  public static Object contextWith(Object context, Object handle) {
    if (handle != null) {
      try {
        return backend.contextWith(context, handle);
      } catch (Throwable t) {
        AdviceErrors.report(t);
      }
    }
    return null;
  }

  /** The trace id, span id and flags of the span of {@code handle}; null when it has none. */
  public static TraceIds idsOf(Object handle) {
    if (handle != null) {
      try {
        return backend.idsOf(handle);
      } catch (Throwable t) {
        AdviceErrors.report(t);
      }
    }
    return null;
  }

  /**
   * An event on the span of {@code handle}, with attributes keyed as {@link #setAttribute}'s
   * (null: none), at {@code epochNanos} (0: now).
   */
  public static void addEvent(Object handle, String name, Map<SpanAttribute, Object> attributes, long epochNanos) {
    if (handle != null && name != null) {
      try {
        backend.addEvent(handle, name,
            attributes == null ? Collections.<SpanAttribute, Object>emptyMap() : attributes, epochNanos);
      } catch (Throwable t) {
        AdviceErrors.report(t);
      }
    }
  }

  /** The status of an open span: {@code "OK"}, {@code "ERROR"} or {@code "UNSET"}, no attribute added. */
  public static void setStatus(Object handle, String code, String description) {
    if (handle != null && code != null) {
      try {
        backend.setStatus(handle, code, description);
      } catch (Throwable t) {
        AdviceErrors.report(t);
      }
    }
  }

  /** The baggage in a context from {@link #currentContext} (null: none); null when it has none. */
  public static Map<String, String> baggageIn(Object context) {
    try {
      return backend.baggageIn(context);
    } catch (Throwable t) {
      AdviceErrors.report(t);
      return null;
    }
  }

  /**
   * A context like {@code context} (null: none) with exactly {@code baggage} as its baggage, to
   * make current with {@link #attach}; null when none can be made.
   */
  public static Object contextWithBaggage(Object context, Map<String, String> baggage) {
    if (baggage != null) {
      try {
        return backend.contextWithBaggage(context, baggage);
      } catch (Throwable t) {
        AdviceErrors.report(t);
      }
    }
    return null;
  }

  /**
   * A context like {@code context} (null: none) that carries {@code extra}, an opaque value that
   * goes wherever the context goes (see {@link TracingBackend#contextWithExtra}); null when none
   * can be made.
   */
  public static Object contextWithExtra(Object context, Object extra) {
    try {
      return backend.contextWithExtra(context, extra);
    } catch (Throwable t) {
      AdviceErrors.report(t);
      return null;
    }
  }

  /** The value {@link #contextWithExtra} put in {@code context}; null when none. */
  public static Object extraIn(Object context) {
    if (context == null) {
      return null;
    }
    try {
      return backend.extraIn(context);
    } catch (Throwable t) {
      AdviceErrors.report(t);
      return null;
    }
  }

  /**
   * Writes {@code context} (null: none) into {@code carrier} as the propagators configured with
   * {@code otel.propagators} do: for code that carries the context by hand.
   */
  public static void inject(Object context, Map<String, Object> carrier) {
    if (carrier != null) {
      try {
        backend.inject(context, carrier);
      } catch (Throwable t) {
        AdviceErrors.report(t);
      }
    }
  }

  /**
   * A context like {@code context} (null: none) with what the configured propagators read from
   * {@code carrier}; null when nothing could be read (or the agent has not started).
   */
  public static Object extract(Object context, Map<String, Object> carrier) {
    if (carrier != null) {
      try {
        return backend.extract(context, carrier);
      } catch (Throwable t) {
        AdviceErrors.report(t);
      }
    }
    return null;
  }

  /** The header names the configured propagators write; empty when unknown. */
  public static Collection<String> propagationFields() {
    try {
      Collection<String> fields = backend.propagationFields();
      return fields == null ? Collections.<String>emptyList() : fields;
    } catch (Throwable t) {
      AdviceErrors.report(t);
      return Collections.emptyList();
    }
  }

  /** Wall-clock time in nanoseconds, as spans record it. */
  public static long epochNanos() {
    return System.currentTimeMillis() * 1_000_000L;
  }
}
