package io.warren.instrumentation.rabbitmq;

import io.warren.bootstrap.MessageDetails;
import io.warren.bootstrap.MessagingTracer;

/** A tracing core that fails at every call, as a bug in it would. */
final class ThrowingTracer implements MessagingTracer {

  @Override
  public Object startPublish(MessageDetails message) {
    message.headers().put("half-written", "yes");
    throw new IllegalStateException("tracer bug");
  }

  @Override
  public Object startProcess(MessageDetails message) {
    throw new IllegalStateException("tracer bug");
  }

  @Override
  public void recordReceive(MessageDetails message, long startEpochNanos, Throwable error) {
    throw new IllegalStateException("tracer bug");
  }

  @Override
  public void end(Object handle, Throwable error) {
    throw new IllegalStateException("tracer bug");
  }
}
