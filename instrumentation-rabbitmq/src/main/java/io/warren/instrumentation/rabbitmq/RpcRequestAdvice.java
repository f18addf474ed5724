package io.warren.instrumentation.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.RpcServer;
import io.warren.bootstrap.CallDepth;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;
import io.warren.instrumentation.rabbitmq.bootstrap.RabbitSpans;
import java.net.InetAddress;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code RpcServer.processRequest}. The client's RpcServer (and StringRpcServer,
 * JsonRpcServer) only queues a delivery in its consumer and handles it later on its main loop
 * thread, so the request's process span is made here, around handleCall and the reply publish,
 * which thus becomes its child.
 */
public final class RpcRequestAdvice {

  private RpcRequestAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.This RpcServer server, @Advice.Argument(0) Delivery request) {
    if (!CallDepth.enter(RabbitSpans.DELIVERY_DEPTH) || request == null || request.getEnvelope() == null) {
      return null;
    }
    Envelope envelope = request.getEnvelope();
    AMQP.BasicProperties properties = request.getProperties();
    byte[] body = request.getBody();
    InetAddress address = null;
    int port = -1;
    try {
      Connection connection = server.getChannel().getConnection();
      address = connection.getAddress();
      port = connection.getPort();
    } catch (Throwable ignored) {
      // The span just lacks server.*.
    }
    SpanStart span =
        RabbitSpans.delivered(
            server.getQueueName(),
            envelope.getExchange(),
            envelope.getRoutingKey(),
            properties == null ? null : properties.getHeaders(),
            properties == null ? null : properties.getMessageId(),
            properties == null ? null : properties.getCorrelationId(),
            body == null ? -1 : body.length,
            envelope.getDeliveryTag(),
            envelope.isRedeliver(),
            properties == null ? null : properties.getTimestamp(),
            address,
            port);
    return Tracing.startCurrent(span);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.Enter Object span, @Advice.Thrown Throwable error) {
    CallDepth.exit(RabbitSpans.DELIVERY_DEPTH);
    Tracing.end(span, error);
  }
}
