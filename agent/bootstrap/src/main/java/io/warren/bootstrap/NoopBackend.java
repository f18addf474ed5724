package io.warren.bootstrap;

/**
 * A backend that starts no span and does nothing with one; its other calls are the defaults.
 * Extend it for a backend that does one thing (a stand-in, a test's failing backend).
 */
public class NoopBackend implements TracingBackend {

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
}
