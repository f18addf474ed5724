package io.warren.instrumentation.springrabbit;

import io.warren.bootstrap.Tracing;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code actualInvokeListener}, which a retry interceptor calls once per attempt:
 * each failed attempt is an exception event on the delivery's span (current here), so retries
 * show in the trace with their time and cause.
 */
public final class AttemptAdvice {

  private AttemptAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.Thrown Throwable error) {
    Tracing.recordException(null, error);
  }
}
