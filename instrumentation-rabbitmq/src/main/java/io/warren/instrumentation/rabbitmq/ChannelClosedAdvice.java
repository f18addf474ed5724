package io.warren.instrumentation.rabbitmq;

import io.warren.instrumentation.rabbitmq.bootstrap.Confirms;
import io.warren.instrumentation.rabbitmq.bootstrap.ChannelDeliveries;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ChannelN.finishProcessShutdownSignal}, where every way a channel ends
 * (closed by the application, by the broker, with its connection) comes through: the publishes
 * it did not confirm and the deliveries nobody settled end marked so.
 */
public final class ChannelClosedAdvice {

  private ChannelClosedAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(@Advice.This Object channel) {
    Confirms.channelClosed(channel);
    ChannelDeliveries.channelClosed(channel);
  }
}
