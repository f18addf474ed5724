package io.warren.smoketest.apps;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.TracingBackend;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tracing backend that fails at every step, standing in for a bug inside the agent. Before
 * failing a publish it scribbles on the headers it was given, as a half-done injection would.
 */
final class ThrowingTracer implements TracingBackend {
  static final AtomicLong CALLS = new AtomicLong();

  @Override
  public Object start(SpanStart span) {
    CALLS.incrementAndGet();
    Map<String, Object> headers = span.injectInto();
    if (headers != null) {
      headers.put("traceparent", "00-half-written");
      headers.put("x-sabotage", "should never be published");
    }
    throw new IllegalStateException("simulated failure in start");
  }

  @Override
  public Object startCurrent(SpanStart span) {
    CALLS.incrementAndGet();
    throw new IllegalStateException("simulated failure in startCurrent");
  }

  @Override
  public void closeScope(Object handle) {
    CALLS.incrementAndGet();
    throw new IllegalStateException("simulated failure in closeScope");
  }

  @Override
  public void recordException(Object handle, Throwable error) {
    CALLS.incrementAndGet();
    throw new OutOfMemoryError("simulated failure in recordException");
  }

  @Override
  public void setAttribute(Object handle, SpanAttribute key, Object value) {
    CALLS.incrementAndGet();
    throw new IllegalStateException("simulated failure in setAttribute");
  }

  @Override
  public void end(Object handle, Throwable error) {
    CALLS.incrementAndGet();
    throw new IllegalStateException("simulated failure in end");
  }
}
