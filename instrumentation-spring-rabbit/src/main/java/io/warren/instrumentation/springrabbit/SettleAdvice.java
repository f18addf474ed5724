package io.warren.instrumentation.springrabbit;

import io.warren.bootstrap.DeferredSpans;
import io.warren.instrumentation.rabbitmq.bootstrap.api.ThreadDeliveries;
import net.bytebuddy.asm.Advice;

/**
 * Around the container method that runs the listener and then settles: delivery spans end at
 * its exit, with the outcome the container's ack or reject recorded on them.
 */
public final class SettleAdvice {

  private SettleAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter() {
    DeferredSpans.open();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit() {
    DeferredSpans.close();
    ThreadDeliveries.closeAll();
  }
}
