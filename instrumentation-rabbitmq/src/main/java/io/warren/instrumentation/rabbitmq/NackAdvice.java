package io.warren.instrumentation.rabbitmq;

import io.warren.bootstrap.CallDepth;
import io.warren.instrumentation.rabbitmq.bootstrap.Settlements;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code Channel.basicNack(tag, multiple, requeue)}, as {@link SettleAdvice}. */
public final class NackAdvice {

  private NackAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(
      @Advice.Argument(0) long deliveryTag,
      @Advice.Argument(1) boolean multiple,
      @Advice.Argument(2) boolean requeue) {
    if (CallDepth.enter(Settlements.SETTLE_DEPTH)) {
      Settlements.settled(deliveryTag, multiple, "nack", requeue);
    }
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit() {
    CallDepth.exit(Settlements.SETTLE_DEPTH);
  }
}
