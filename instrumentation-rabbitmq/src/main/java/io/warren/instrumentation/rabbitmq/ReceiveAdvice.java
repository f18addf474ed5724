package io.warren.instrumentation.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import io.warren.bootstrap.CallDepth;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;
import io.warren.instrumentation.rabbitmq.bootstrap.CapturedValues;
import io.warren.instrumentation.rabbitmq.bootstrap.MessageHistory;
import io.warren.instrumentation.rabbitmq.bootstrap.RabbitMetrics;
import io.warren.instrumentation.rabbitmq.bootstrap.RabbitSpans;
import java.net.InetAddress;
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
    return CallDepth.enter(RabbitSpans.RECEIVE_DEPTH) ? Tracing.epochNanos() : 0L;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.This Channel channel,
      @Advice.Argument(0) String queue,
      @Advice.Enter long startEpochNanos,
      @Advice.Return GetResponse response,
      @Advice.Thrown Throwable error) {
    if (!CallDepth.exit(RabbitSpans.RECEIVE_DEPTH) || startEpochNanos == 0L) {
      return;
    }
    InetAddress address = null;
    int port = -1;
    try {
      Connection connection = channel.getConnection();
      address = connection.getAddress();
      port = connection.getPort();
    } catch (Throwable ignored) {
      // The span just lacks server.*.
    }
    Envelope envelope = response == null ? null : response.getEnvelope();
    AMQP.BasicProperties properties = response == null ? null : response.getProps();
    if (response == null && error == null) {
      // An empty get is still an operation the client made.
      RabbitMetrics.received(queue, null, null, false, false, address, port,
          Tracing.epochNanos() - startEpochNanos, null, null);
      return;
    }
    SpanStart span =
        RabbitSpans.receive(
                queue,
                envelope == null ? null : envelope.getExchange(),
                envelope == null ? null : envelope.getRoutingKey())
            .parentFrom(properties == null ? null : properties.getHeaders())
            .startedAt(startEpochNanos);
    if (envelope != null) {
      RabbitSpans.delivery(span, envelope.getDeliveryTag(), envelope.isRedeliver());
    }
    if (properties != null) {
      CapturedValues.describe(span, properties.getHeaders(), properties);
      MessageHistory.describe(span, properties.getHeaders(), properties.getTimestamp());
      RabbitSpans.message(
          span,
          properties.getMessageId(),
          properties.getCorrelationId(),
          RabbitSpans.bodySizeOf(response.getBody()));
    }
    boolean measured = !span.isContextOnly() && !span.isSkipped();
    Object handle = Tracing.start(RabbitSpans.server(span, address, port));
    if (measured) {
      RabbitMetrics.received(
          queue,
          properties == null ? null : properties.getHeaders(),
          properties == null ? null : properties.getTimestamp(),
          envelope != null && envelope.isRedeliver(),
          response != null,
          address,
          port,
          Tracing.epochNanos() - startEpochNanos,
          error,
          handle);
    }
    Tracing.end(handle, error);
  }
}
