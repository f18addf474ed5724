package io.warren.instrumentation.rabbitmq;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.impl.ChannelN;
import io.warren.bootstrap.CallDepth;
import io.warren.instrumentation.rabbitmq.bootstrap.ChannelDeliveries;
import io.warren.instrumentation.rabbitmq.bootstrap.RabbitMetrics;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Channel.basicAck(tag, multiple)} and {@code basicReject(tag, requeue)}: the
 * outcome goes into the trace of the delivery it settles. The first call that reaches the
 * client's own channel (whatever wrappers it went through) matches the deliveries open on this
 * thread (a framework's) and those that channel handed out, on any thread, before or after their
 * span ended. Deeper calls are skipped: a recovering channel passes the tag on shifted.
 */
public final class SettleAdvice {

  private SettleAdvice() {}

  /** Returns when the outermost settle started, for its duration (0: not measured). */
  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static long enter(
      @Advice.This Object channel,
      @Advice.Origin("#m") String method,
      @Advice.Argument(0) long deliveryTag,
      @Advice.Argument(1) boolean flag) {
    if (channel instanceof ChannelN && CallDepth.enter(ChannelDeliveries.SETTLE_DEPTH)) {
      long started = RabbitMetrics.settleStarted();
      boolean ack = method.equals("basicAck");
      ChannelDeliveries.settled(channel, deliveryTag, ack && flag, ack ? "ack" : "reject", ack ? null : flag);
      return started;
    }
    return 0L;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.This Object channel,
      @Advice.Origin("#m") String method,
      @Advice.Enter long started,
      @Advice.Thrown Throwable error) {
    if (channel instanceof ChannelN) {
      CallDepth.exit(ChannelDeliveries.SETTLE_DEPTH);
      if (started != 0L) {
        Connection connection = ((ChannelN) channel).getConnection();
        RabbitMetrics.settleEnded(method.equals("basicAck") ? "ack" : "reject", started, error,
            connection.getAddress(), connection.getPort());
      }
    }
  }
}
