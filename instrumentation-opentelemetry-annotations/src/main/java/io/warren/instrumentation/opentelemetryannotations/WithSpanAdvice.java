package io.warren.instrumentation.opentelemetryannotations;

import io.warren.instrumentation.opentelemetryannotations.bootstrap.WithSpans;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into a {@code @WithSpan} method without {@code @SpanAttribute} parameters: its class
 * and signature are constants, so nothing is allocated but the span.
 */
public final class WithSpanAdvice {

  private WithSpanAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object onEnter(
      @Advice.Origin Class<?> type, @Advice.Origin("#m#d") String method) {
    return WithSpans.start(type, method, null);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void onExit(
      @Advice.Enter Object span,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown Throwable error) {
    WithSpans.end(span, returned, error);
  }
}
