package io.warren.instrumentation.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.RpcServer;
import io.warren.bootstrap.CallDepth;
import io.warren.bootstrap.Tracing;
import io.warren.instrumentation.rabbitmq.bootstrap.api.DeliverySpan;
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
    if (!CallDepth.enter(DeliverySpan.DEPTH) || request == null || request.getEnvelope() == null) {
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
    DeliverySpan delivery =
        DeliverySpan.begin()
            .queue(server.getQueueName())
            .exchange(envelope.getExchange())
            .routingKey(envelope.getRoutingKey())
            .deliveryTag(envelope.getDeliveryTag())
            .redelivered(envelope.isRedeliver())
            .bodySize(body == null ? -1 : body.length)
            .server(address, port);
    if (properties != null) {
      delivery
          .headers(properties.getHeaders())
          .messageId(properties.getMessageId())
          .correlationId(properties.getCorrelationId())
          .timestamp(properties.getTimestamp())
          .capturing(properties);
    }
    return Tracing.startCurrent(delivery.describe());
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.Enter Object span, @Advice.Thrown Throwable error) {
    CallDepth.exit(DeliverySpan.DEPTH);
    DeliverySpan.listenerReturned(span, error);
    Tracing.end(span, error);
  }
}
