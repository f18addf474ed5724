package io.warren.instrumentation.opentelemetryannotations;

import io.warren.instrumentation.opentelemetryannotations.bootstrap.WithSpans;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** As {@link WithSpanAdvice}, for a method with {@code @SpanAttribute} parameters: their values too. */
public final class WithSpanAttributesAdvice {

  private WithSpanAttributesAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object onEnter(
      @Advice.Origin Class<?> type,
      @Advice.Origin("#m#d") String method,
      @Advice.AllArguments Object[] arguments) {
    return WithSpans.start(type, method, arguments);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void onExit(
      @Advice.Enter Object span,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown Throwable error) {
    WithSpans.end(span, returned, error);
  }
}
