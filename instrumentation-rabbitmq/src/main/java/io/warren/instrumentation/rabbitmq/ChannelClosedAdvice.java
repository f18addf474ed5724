package io.warren.instrumentation.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.ChannelN;
import io.warren.instrumentation.rabbitmq.bootstrap.ChannelDeliveries;
import io.warren.instrumentation.rabbitmq.bootstrap.RefusedPublishes;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ChannelN.finishProcessShutdownSignal}, where every way a channel ends
 * (closed by the application, by the broker, with its connection) comes through, after the
 * client recorded why: the publishes it did not confirm and the deliveries nobody settled end
 * marked so, and when the broker closed it because of a publish (its {@code channel.close}
 * names {@code basic.publish}), the publishes the close lost carry the broker's reply.
 */
public final class ChannelClosedAdvice {

  private ChannelClosedAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(@Advice.This ChannelN channel) {
    int replyCode = 0;
    String replyText = null;
    try {
      ShutdownSignalException cause = channel.getCloseReason();
      Object reason = cause == null ? null : cause.getReason();
      if (reason instanceof AMQP.Channel.Close && !cause.isInitiatedByApplication()) {
        AMQP.Channel.Close close = (AMQP.Channel.Close) reason;
        if (RefusedPublishes.isRefusedPublish(close.getClassId(), close.getMethodId())) {
          replyCode = close.getReplyCode();
          replyText = close.getReplyText();
        }
      }
    } catch (Throwable ignored) {
      // Without the reason the publishes still end unconfirmed, as for any other close.
    }
    RefusedPublishes.channelClosed(channel, replyCode, replyText);
    ChannelDeliveries.channelClosed(channel);
  }
}
