package io.warren.instrumentation.smallryerabbitmq;

import io.warren.instrumentation.smallryerabbitmq.bootstrap.RelayedMessages;
import net.bytebuddy.asm.Advice;

/** Inlined after Mutiny's wrapper of a Vert.x delivery is made: the delivery's context is noted. */
public final class DeliveredAdvice {

  private DeliveredAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(@Advice.Argument(0) Object delivery) {
    RelayedMessages.delivered(delivery);
  }
}
