package io.warren.bootstrap;

/**
 * What advice asks of the tracing core. Only JDK and Warren bootstrap types cross this
 * interface, because advice runs inside application class loaders that cannot see the
 * agent's own (relocated) OpenTelemetry classes.
 */
public interface MessagingTracer {

  /**
   * Starts a PRODUCER span for a message about to be published and writes its context into
   * {@link MessageDetails#headers()}, which the caller owns and will publish.
   *
   * @return a handle for {@link #end}, or null when nothing was started
   */
  Object startPublish(MessageDetails message);

  /**
   * Starts a CONSUMER span for a pushed delivery, parented on the context found in the
   * message headers, and makes it current on this thread until {@link #end}.
   */
  Object startProcess(MessageDetails message);

  /**
   * Records a message pulled with basic.get, as a span that began at {@code startEpochNanos}
   * and ends now. It is not made current: the caller has already returned.
   */
  void recordReceive(MessageDetails message, long startEpochNanos, Throwable error);

  /** Ends what {@code handle} started; {@code error} is what the instrumented call threw. */
  void end(Object handle, Throwable error);

  MessagingTracer NOOP =
      new MessagingTracer() {
        @Override
        public Object startPublish(MessageDetails message) {
          return null;
        }

        @Override
        public Object startProcess(MessageDetails message) {
          return null;
        }

        @Override
        public void recordReceive(MessageDetails message, long startEpochNanos, Throwable error) {}

        @Override
        public void end(Object handle, Throwable error) {}
      };
}
