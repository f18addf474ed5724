package io.warren.instrumentation.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.impl.ChannelN;
import io.warren.bootstrap.CallDepth;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;
import io.warren.instrumentation.rabbitmq.bootstrap.CapturedValues;
import io.warren.instrumentation.rabbitmq.bootstrap.Confirms;
import io.warren.instrumentation.rabbitmq.bootstrap.MessageHistory;
import io.warren.instrumentation.rabbitmq.bootstrap.RabbitMetrics;
import io.warren.instrumentation.rabbitmq.bootstrap.RabbitSpans;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code Channel.basicPublish}. The outermost publish on the thread starts a
 * PRODUCER span and sends the message with a copy of its properties that carries the trace
 * context. The caller's properties object and header map are never written to: they may be
 * shared, reused for the next message, or immutable.
 */
public final class PublishAdvice {

  private PublishAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(
      @Advice.This Channel channel,
      @Advice.Argument(0) String exchange,
      @Advice.Argument(1) String routingKey,
      @Advice.Argument(2) boolean mandatory,
      @Advice.Argument(value = 4, readOnly = false) AMQP.BasicProperties properties,
      @Advice.Argument(value = 5, typing = Assigner.Typing.DYNAMIC) Object body) {
    if (!CallDepth.enter(RabbitSpans.PUBLISH_DEPTH)) {
      if (channel instanceof ChannelN) {
        // The client's own channel, under a wrapper: it numbers the publish for confirms.
        Confirms.sending(channel, channel.getConnection(), channel.getNextPublishSeqNo());
      }
      return null;
    }
    // The client publishes null properties as MINIMAL_BASIC; we do the same, plus headers.
    AMQP.BasicProperties original =
        properties == null ? MessageProperties.MINIMAL_BASIC : properties;
    Map<String, Object> callerHeaders = original.getHeaders();
    Map<String, Object> headers =
        callerHeaders == null
            ? new HashMap<String, Object>()
            : new HashMap<String, Object>(callerHeaders);
    InetAddress address = null;
    int port = -1;
    try {
      Connection connection = channel.getConnection();
      address = connection.getAddress();
      port = connection.getPort();
    } catch (Throwable ignored) {
      // Some wrappers cannot name their connection; the span just lacks server.*.
    }
    SpanStart span = RabbitSpans.publish(exchange, routingKey).injectInto(headers);
    String measured =
        span.isContextOnly() || span.isSkipped() ? null : RabbitMetrics.publishDestination(exchange, routingKey);
    RabbitSpans.message(span, original.getMessageId(), original.getCorrelationId(), RabbitSpans.bodySizeOf(body));
    CapturedValues.describe(span, callerHeaders, original);
    // An excluded destination gets no span, only the current context, if there is one.
    boolean passingContext = span.isContextOnly();
    int headerCount = headers.size();
    Object handle = Tracing.start(RabbitSpans.server(span, address, port));
    if (handle != null) {
      MessageHistory.stamp(headers);
      if (measured != null) {
        RabbitMetrics.stampOrigin(headers);
      }
    }
    if (handle != null || (passingContext && headers.size() != headerCount)) {
      // Assigned last: if anything above failed, the original properties go out untouched.
      properties = original.builder().headers(headers).build();
    }
    if (handle != null) {
      Confirms.publishing(handle, mandatory, measured, address, port);
      if (channel instanceof ChannelN) {
        Confirms.sending(channel, channel.getConnection(), channel.getNextPublishSeqNo());
      }
    }
    return handle;
  }

  /** The span ends here, or, on a channel in confirm mode, when the broker has confirmed. */
  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.Enter Object span, @Advice.Thrown Throwable error) {
    CallDepth.exit(RabbitSpans.PUBLISH_DEPTH);
    if (span != null) {
      Confirms.published(span, error);
    }
  }
}
