package io.warren.instrumentation.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import io.warren.instrumentation.rabbitmq.bootstrap.Confirms;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ChannelN.callConfirmListeners}, which the client calls for every confirm
 * (an ack or a nack) as it reads it, before the application's confirm listeners and whether the
 * application waits for confirms or listens for them. The confirm is recorded first, so a slow
 * listener cannot make it late; while the listeners run, the connection's thread reads no
 * further confirm, so none of its publishes times out meanwhile.
 */
public final class ConfirmAdvice {

  private ConfirmAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.This Channel channel, @Advice.Argument(1) Object method) {
    if (method instanceof AMQP.Basic.Ack) {
      AMQP.Basic.Ack ack = (AMQP.Basic.Ack) method;
      Confirms.confirmed(channel, ack.getDeliveryTag(), ack.getMultiple(), false);
    } else if (method instanceof AMQP.Basic.Nack) {
      AMQP.Basic.Nack nack = (AMQP.Basic.Nack) method;
      Confirms.confirmed(channel, nack.getDeliveryTag(), nack.getMultiple(), true);
    } else {
      return null;
    }
    return Confirms.listenersRunning(channel.getConnection());
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.Enter Object reader) {
    if (reader != null) {
      Confirms.listenersReturned(reader);
    }
  }
}
