package io.warren.instrumentation.springrabbit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.impl.ChannelN;
import com.rabbitmq.client.impl.recovery.AutorecoveringChannel;
import io.warren.bootstrap.CallDepth;
import io.warren.bootstrap.DeferredSpans;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;
import io.warren.instrumentation.rabbitmq.bootstrap.api.DeliverySpan;
import io.warren.instrumentation.rabbitmq.bootstrap.api.ThreadDeliveries;
import java.net.InetAddress;
import java.util.List;
import net.bytebuddy.asm.Advice;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ChannelProxy;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;

/**
 * Inlined into {@code AbstractMessageListenerContainer.executeListener}, which every container
 * calls with one message or a batch. It is the delivery's span, the only one: a CONSUMER
 * {@code process} span, child of the message's publish, current while the listener runs (so what
 * the listener sends is its child), and ended when the container has settled the message.
 *
 * <p>A listener with manual acknowledgement settles the message itself, perhaps on another
 * thread after it returned: its delivery is followed on the client's channel, as a client
 * consumer's is, and the span ends when the listener returns; a later settle is a settle span
 * under it.
 *
 * <p>For a batch, each message gets a process span in its own producer's trace (Zipkin shows no
 * links), and the listener runs inside one batch span, child of the first message's publish and
 * linked to every message's context.
 */
public final class ListenerAdvice {

  private ListenerAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(
      @Advice.This AbstractMessageListenerContainer container,
      @Advice.Argument(0) Channel channel,
      @Advice.Argument(1) Object data) {
    if (!CallDepth.enter(DeliverySpan.DEPTH)) {
      return null;
    }
    InetAddress address = null;
    int port = -1;
    try {
      Connection connection = channel.getConnection();
      address = connection.getAddress();
      port = connection.getPort();
    } catch (Throwable ignored) {
      // The spans just lack server.*.
    }
    boolean batch = !(data instanceof Message);
    Object[] messages = batch ? (data instanceof List ? ((List<?>) data).toArray() : null) : new Object[] {data};
    if (messages == null || messages.length == 0) {
      return null;
    }
    // Advice cannot call helpers of its own (it is inlined into Spring's class, whose loader does
    // not see this module): one loop reads every message, alone or in a batch.
    Object clientChannel = null;
    if (!batch && container.getAcknowledgeMode().isManual()) {
      // Settles go through Spring's channel proxy and the client's recovering channel to the
      // client's own channel, where the RabbitMQ module follows deliveries.
      Object target = channel;
      for (int i = 0; i < 4 && !(target instanceof ChannelN); i++) {
        if (target instanceof ChannelProxy) {
          target = ((ChannelProxy) target).getTargetChannel();
        } else if (target instanceof AutorecoveringChannel) {
          target = ((AutorecoveringChannel) target).getDelegate();
        } else {
          break;
        }
      }
      clientChannel = target instanceof ChannelN ? target : null;
    }
    Object current = null;
    for (Object each : messages) {
      if (!(each instanceof Message)) {
        continue;
      }
      MessageProperties properties = ((Message) each).getMessageProperties();
      byte[] body = ((Message) each).getBody();
      DeliverySpan delivery =
          DeliverySpan.begin()
              .queue(properties.getConsumerQueue())
              .exchange(properties.getReceivedExchange())
              .routingKey(properties.getReceivedRoutingKey())
              .deliveryTag(properties.getDeliveryTag())
              .redelivered(Boolean.TRUE.equals(properties.getRedelivered()))
              .headers(properties.getHeaders())
              .messageId(properties.getMessageId())
              .correlationId(properties.getCorrelationId())
              .timestamp(properties.getTimestamp())
              .capturing(properties)
              .bodySize(body == null ? -1 : body.length)
              .server(address, port);
      if (clientChannel != null) {
        return delivery.startCurrentSettledOn(clientChannel); // one message: ended by exit
      }
      SpanStart span = delivery.describe();
      Object handle = batch ? Tracing.start(span) : Tracing.startCurrent(span);
      // The container acks after the listener returned: the outcome goes on this span.
      ThreadDeliveries.opened(properties.getDeliveryTag(), handle);
      if (batch) {
        DeferredSpans.endLater(handle, null);
      } else {
        current = handle;
      }
    }
    if (!batch || !(messages[0] instanceof Message)) {
      return current;
    }
    MessageProperties first = ((Message) messages[0]).getMessageProperties();
    SpanStart span =
        DeliverySpan.begin()
            .queue(first.getConsumerQueue())
            .exchange(first.getReceivedExchange())
            .routingKey(first.getReceivedRoutingKey())
            .headers(first.getHeaders())
            .server(address, port)
            .describeBatch(messages.length);
    for (Object each : messages) {
      if (each instanceof Message) {
        span.linkFrom(((Message) each).getMessageProperties().getHeaders());
      }
    }
    return Tracing.startCurrent(span);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.This AbstractMessageListenerContainer container,
      @Advice.Argument(1) Object data,
      @Advice.Enter Object span,
      @Advice.Thrown Throwable error) {
    CallDepth.exit(DeliverySpan.DEPTH);
    if (data instanceof Message && container.getAcknowledgeMode().isManual()) {
      DeliverySpan.handled(span, error); // the listener settles: nothing to wait for
    } else {
      DeliverySpan.listenerReturned(span, error); // metrics, with the span still current
      Tracing.closeScope(span);
      DeferredSpans.endLater(span, error);
    }
  }
}
