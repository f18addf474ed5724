package io.warren.instrumentation.rabbitmq;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.impl.ChannelN;
import io.warren.bootstrap.CallDepth;
import io.warren.instrumentation.rabbitmq.bootstrap.ChannelDeliveries;
import io.warren.instrumentation.rabbitmq.bootstrap.RabbitMetrics;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code Channel.basicNack(tag, multiple, requeue)}, as {@link SettleAdvice}. */
public final class NackAdvice {

  private NackAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static long enter(
      @Advice.This Object channel,
      @Advice.Argument(0) long deliveryTag,
      @Advice.Argument(1) boolean multiple,
      @Advice.Argument(2) boolean requeue) {
    if (channel instanceof ChannelN && CallDepth.enter(ChannelDeliveries.SETTLE_DEPTH)) {
      long started = RabbitMetrics.settleStarted();
      ChannelDeliveries.settled(channel, deliveryTag, multiple, "nack", requeue);
      return started;
    }
    return 0L;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.This Object channel, @Advice.Enter long started, @Advice.Thrown Throwable error) {
    if (channel instanceof ChannelN) {
      CallDepth.exit(ChannelDeliveries.SETTLE_DEPTH);
      if (started != 0L) {
        Connection connection = ((ChannelN) channel).getConnection();
        RabbitMetrics.settleEnded("nack", started, error, connection.getAddress(), connection.getPort());
      }
    }
  }
}
