package io.warren.instrumentation.rabbitmq;

import io.warren.bootstrap.CallDepth;
import io.warren.instrumentation.rabbitmq.bootstrap.Settlements;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Channel.basicAck(tag, multiple)} and {@code basicReject(tag, requeue)}: the
 * outcome goes on the span of the delivery it settles, if that span is open on this thread. The
 * outermost call counts: a recovering channel passes the tag on to its delegate shifted.
 */
public final class SettleAdvice {

  private SettleAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(
      @Advice.Origin("#m") String method,
      @Advice.Argument(0) long deliveryTag,
      @Advice.Argument(1) boolean flag) {
    if (CallDepth.enter(Settlements.SETTLE_DEPTH)) {
      if (method.equals("basicAck")) {
        Settlements.settled(deliveryTag, flag, "ack", null);
      } else {
        Settlements.settled(deliveryTag, false, "reject", flag);
      }
    }
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit() {
    CallDepth.exit(Settlements.SETTLE_DEPTH);
  }
}
