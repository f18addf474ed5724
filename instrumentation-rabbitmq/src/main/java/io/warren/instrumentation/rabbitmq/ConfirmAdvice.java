package io.warren.instrumentation.rabbitmq;

import io.warren.instrumentation.rabbitmq.bootstrap.Confirms;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ChannelN.handleAckNack}, which the client calls for every confirm after
 * the application's confirm listeners ran, whether it waits for confirms or listens for them.
 */
public final class ConfirmAdvice {

  private ConfirmAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(
      @Advice.This Object channel,
      @Advice.Argument(0) long sequenceNumber,
      @Advice.Argument(1) boolean multiple,
      @Advice.Argument(2) boolean nack) {
    Confirms.confirmed(channel, sequenceNumber, multiple, nack);
  }
}
