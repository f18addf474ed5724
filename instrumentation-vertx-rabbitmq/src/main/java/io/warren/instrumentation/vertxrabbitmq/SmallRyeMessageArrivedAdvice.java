package io.warren.instrumentation.vertxrabbitmq;

import io.warren.instrumentation.vertxrabbitmq.bootstrap.VertxTasks;
import net.bytebuddy.asm.Advice;

/** Inlined into SmallRye's sender's {@code onNext}: the message takes the context current here. */
public final class SmallRyeMessageArrivedAdvice {

  private SmallRyeMessageArrivedAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(@Advice.Argument(0) Object message) {
    VertxTasks.handedOver(message);
  }
}
