package io.warren.bootstrap;

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

  TracingBackend NOOP =
      new TracingBackend() {
        @Override
        public Object start(SpanStart span) {
          return null;
        }

        @Override
        public Object startCurrent(SpanStart span) {
          return null;
        }

        @Override
        public void closeScope(Object handle) {}

        @Override
        public void recordException(Object handle, Throwable error) {}

        @Override
        public void setAttribute(Object handle, SpanAttribute key, Object value) {}

        @Override
        public void end(Object handle, Throwable error) {}
      };
}
