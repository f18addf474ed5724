package io.warren.instrumentation.rabbitmq;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.TracingBackend;

/** A tracing core that fails at every call, as a bug in it would, after writing half a header. */
final class ThrowingBackend implements TracingBackend {

  @Override
  public Object start(SpanStart span) {
    if (span.injectInto() != null) {
      span.injectInto().put("half-written", "yes");
    }
    throw new IllegalStateException("backend bug");
  }

  @Override
  public Object startCurrent(SpanStart span) {
    return start(span);
  }

  @Override
  public void closeScope(Object handle) {
    throw new IllegalStateException("backend bug");
  }

  @Override
  public void recordException(Object handle, Throwable error) {
    throw new IllegalStateException("backend bug");
  }

  @Override
  public void setAttribute(Object handle, SpanAttribute key, Object value) {
    throw new IllegalStateException("backend bug");
  }

  @Override
  public void end(Object handle, Throwable error) {
    throw new IllegalStateException("backend bug");
  }
}
