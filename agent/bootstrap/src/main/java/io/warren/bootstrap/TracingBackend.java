package io.warren.bootstrap;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;

/**
 * What {@link Tracing} asks of the tracing core. Only JDK and bootstrap types cross this
 * interface: advice runs inside application class loaders, which cannot see the agent's own
 * (relocated) OpenTelemetry classes. Span handles are opaque to everyone but the core.
 */
public interface TracingBackend {

  /** Starts a span; returns its handle, or null when nothing was started. */
  Object start(SpanStart span);

  /** Starts a span and makes it current on this thread until {@link #closeScope} or {@link #end}. */
  Object startCurrent(SpanStart span);

  /** Stops the span of {@code handle} being current; the span stays open. */
  void closeScope(Object handle);

  /**
   * Records an exception as an event of the span of {@code handle}, or of the current span when
   * {@code handle} is null, without ending it or failing it.
   */
  void recordException(Object handle, Throwable error);

  /** Adds an attribute to a started span: a String, Long, Boolean or List of strings. */
  void setAttribute(Object handle, SpanAttribute key, Object value);

  /** Ends the span; a non-null {@code error} marks it failed and is recorded with it. */
  void end(Object handle, Throwable error);

  /**
   * The context of the span of {@code handle}, to parent later spans on with
   * {@link SpanStart#childOf}; it stays valid after the span ended and holds none of its data.
   * Null when there is no valid context to parent on.
   */
  default Object contextOf(Object handle) {
    return null;
  }

  /** Renames a started span: for a name known only once it ran for a while (a route). */
  default void updateName(Object handle, String name) {}

  /** Marks the span failed without an exception: {@code errorType} is its {@code error.type}. */
  default void fail(Object handle, String errorType, String description) {}

  /** True when {@code carrier} carries the context of the span of {@code handle}. */
  default boolean isContextIn(Object handle, Map<String, Object> carrier) {
    return false;
  }

  /**
   * The ids of the span current on this thread, for log correlation; null when no valid span is
   * current (nothing to correlate, and nothing is added to a log event).
   */
  default TraceIds currentTraceIds() {
    return null;
  }

  /** The context current on this thread, opaque to all but the core; null when none is. */
  default Object currentContext() {
    return null;
  }

  /** Makes a context from {@link #currentContext} current; returns the scope that ends it. */
  default Object attach(Object context) {
    return null;
  }

  /** Makes no context current; returns the scope that ends it, or null when none was current. */
  default Object attachNone() {
    return null;
  }

  /** Ends a scope from {@link #attach}, restoring the context current before it. */
  default void detach(Object scope) {}

  /**
   * The handle of the span in a context from {@link #currentContext} (null: none), usable as any
   * started span's; null when it holds no valid span.
   */
  default Object spanIn(Object context) {
    return null;
  }

  /**
   * A context like {@code context} (null: none) with the span of {@code handle} in it, to
   * {@link #attach}; null when none can be made. {@code handle} may also be a {@link TraceIds}:
   * a span known only by its ids (one propagated by hand), made the parent of what starts in it.
   */
  default Object contextWith(Object context, Object handle) {
    return null;
  }

  /** The ids of the span of {@code handle}; null when it has no valid ones. */
  default TraceIds idsOf(Object handle) {
    return null;
  }

  /**
   * Adds an event to a started span: its attributes keyed as {@link #setAttribute}'s (values a
   * String, Long, Boolean or List of strings), at {@code epochNanos} (0: now).
   */
  default void addEvent(Object handle, String name, Map<SpanAttribute, Object> attributes, long epochNanos) {}

  /**
   * Sets the status of a started span: {@code code} is {@code "OK"}, {@code "ERROR"} or {@code
   * "UNSET"}; {@code description} may be null. Unlike {@link #fail}, no attribute is added.
   */
  default void setStatus(Object handle, String code, String description) {}

  /** The baggage in a context from {@link #currentContext} (null: none), name to value; null when empty. */
  default Map<String, String> baggageIn(Object context) {
    return null;
  }

  /**
   * A context like {@code context} (null: none) whose baggage is exactly {@code baggage} (name to
   * value, empty: none), to {@link #attach}; null when none can be made.
   */
  default Object contextWithBaggage(Object context, Map<String, String> baggage) {
    return null;
  }

  /**
   * A context like {@code context} (null: none) that carries {@code extra}, one opaque value a
   * module keeps with a context (the application's own context entries, for the OpenTelemetry
   * API bridge): it goes wherever the context goes, thread hand-offs included; null when none
   * can be made.
   */
  default Object contextWithExtra(Object context, Object extra) {
    return null;
  }

  /** The value {@link #contextWithExtra} put in {@code context} (null: none); null when none. */
  default Object extraIn(Object context) {
    return null;
  }

  /** Writes {@code context} (null: none) into {@code carrier} as the configured propagators do. */
  default void inject(Object context, Map<String, Object> carrier) {}

  /**
   * A context like {@code context} (null: none) with what the configured propagators read from
   * {@code carrier} (a remote parent, baggage); null when nothing could be read.
   */
  default Object extract(Object context, Map<String, Object> carrier) {
    return null;
  }

  /** The header names the configured propagators write. */
  default Collection<String> propagationFields() {
    return Collections.emptyList();
  }

  /** Records nothing: the bridge's backend before the agent installs one, or when it failed. */
  TracingBackend NOOP = new NoopBackend();
}
