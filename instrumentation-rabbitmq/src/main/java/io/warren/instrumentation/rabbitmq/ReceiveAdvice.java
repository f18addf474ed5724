package io.warren.instrumentation.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import io.warren.bootstrap.CallDepth;
import io.warren.bootstrap.MessageDetails;
import io.warren.bootstrap.Messaging;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Channel.basicGet}. A get that returns a message (or fails) is recorded as
 * a CONSUMER span from the call's start to its end, in the producer's trace; an empty get
 * records nothing.
 */
public final class ReceiveAdvice {

  private ReceiveAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static long enter() {
    return CallDepth.enter(CallDepth.RECEIVE) ? Messaging.epochNanos() : 0L;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.This Channel channel,
      @Advice.Argument(0) String queue,
      @Advice.Enter long startEpochNanos,
      @Advice.Return GetResponse response,
      @Advice.Thrown Throwable error) {
    if (!CallDepth.exit(CallDepth.RECEIVE) || startEpochNanos == 0L) {
      return;
    }
    if (response == null && error == null) {
      return;
    }
    Envelope envelope = response == null ? null : response.getEnvelope();
    AMQP.BasicProperties properties = response == null ? null : response.getProps();
    MessageDetails message =
        new MessageDetails(
                envelope == null ? null : envelope.getExchange(),
                envelope == null ? null : envelope.getRoutingKey(),
                properties == null ? null : properties.getHeaders(),
                response == null ? -1 : MessageDetails.bodySizeOf(response.getBody()))
            .withQueue(queue);
    if (envelope != null) {
      message.withDelivery(envelope.getDeliveryTag(), envelope.isRedeliver());
    }
    if (properties != null) {
      message.withProperties(properties.getMessageId(), properties.getCorrelationId());
    }
    try {
      Connection connection = channel.getConnection();
      message.withServer(connection.getAddress(), connection.getPort());
    } catch (Throwable ignored) {
      // The span just lacks server.*.
    }
    Messaging.recordReceive(message, startEpochNanos, error);
  }
}
