package io.warren.instrumentation.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Consumer;
import io.warren.instrumentation.rabbitmq.bootstrap.api.Subscriptions;
import java.net.InetAddress;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Channel.basicConsume}: remembers which queue and broker each consumer
 * serves under each consumer tag, so its delivery spans can name them. Every basicConsume
 * overload, the lambda ones included, ends in the one that takes a Consumer; automatic recovery
 * subscribes again through it too.
 */
public final class ConsumeAdvice {

  private ConsumeAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(
      @Advice.This Channel channel,
      @Advice.Argument(0) String queue,
      @Advice.Argument(1) boolean autoAck,
      @Advice.Argument(2) String consumerTag,
      @Advice.Argument(6) Consumer consumer) {
    InetAddress address = null;
    int port = -1;
    try {
      Connection connection = channel.getConnection();
      address = connection.getAddress();
      port = connection.getPort();
    } catch (Throwable ignored) {
      // Spans of this consumer just lack server.*.
    }
    Subscriptions.subscribing(consumer, consumerTag, queue, autoAck, address, port, channel);
  }

  /** A basicConsume that threw subscribed nothing: the subscription being made is dropped. */
  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.Argument(6) Consumer consumer,
      @Advice.Return String consumerTag,
      @Advice.Thrown Throwable error) {
    Subscriptions.subscribed(consumer, error == null ? consumerTag : null);
  }
}
