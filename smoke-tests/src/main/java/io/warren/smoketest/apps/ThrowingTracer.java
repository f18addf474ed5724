package io.warren.smoketest.apps;

import io.warren.bootstrap.MessageDetails;
import io.warren.bootstrap.MessagingTracer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tracer that fails at every step, standing in for a bug inside the agent. Before failing a
 * publish it scribbles on the headers it was given, as a half-done injection would.
 */
final class ThrowingTracer implements MessagingTracer {
  static final AtomicLong CALLS = new AtomicLong();

  @Override
  public Object startPublish(MessageDetails message) {
    CALLS.incrementAndGet();
    if (message.headers() != null) {
      message.headers().put("traceparent", "00-half-written");
      message.headers().put("x-sabotage", "should never be published");
    }
    throw new IllegalStateException("simulated failure in startPublish");
  }

  @Override
  public Object startProcess(MessageDetails message) {
    CALLS.incrementAndGet();
    throw new IllegalStateException("simulated failure in startProcess");
  }

  @Override
  public void recordReceive(MessageDetails message, long startEpochNanos, Throwable error) {
    CALLS.incrementAndGet();
    throw new OutOfMemoryError("simulated failure in recordReceive");
  }

  @Override
  public void end(Object handle, Throwable error) {
    CALLS.incrementAndGet();
    throw new IllegalStateException("simulated failure in end");
  }
}
