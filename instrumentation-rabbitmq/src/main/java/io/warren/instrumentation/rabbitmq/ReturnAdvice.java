package io.warren.instrumentation.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Command;
import io.warren.bootstrap.Tracing;
import io.warren.instrumentation.rabbitmq.bootstrap.Confirms;
import io.warren.instrumentation.rabbitmq.bootstrap.RabbitMetrics;
import io.warren.instrumentation.rabbitmq.bootstrap.RabbitSpans;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ChannelN.callReturnListeners}, which the client calls for every
 * {@code basic.return}, whether or not the application registered a listener. The broker sends
 * back the unroutable message with the headers it was published with, so the return is recorded
 * as a short span, child of its publish, with the broker's reply code and text; on a channel in
 * confirm mode, where the publish span is still open, the reply goes on it instead. What the
 * application's listeners do is untouched: this runs before them and never throws.
 */
public final class ReturnAdvice {

  private ReturnAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(
      @Advice.This Object channel,
      @Advice.Argument(0) Command command,
      @Advice.Argument(1) AMQP.Basic.Return returned) {
    if (returned == null || command == null) {
      return;
    }
    Object header = command.getContentHeader();
    AMQP.BasicProperties properties =
        header instanceof AMQP.BasicProperties ? (AMQP.BasicProperties) header : null;
    if (properties != null
        && Confirms.returned(
            channel, properties.getHeaders(), returned.getReplyCode(), returned.getReplyText())) {
      return;
    }
    byte[] body = command.getContentBody();
    Object span =
        Tracing.start(
            RabbitSpans.returned(
                returned.getExchange(),
                returned.getRoutingKey(),
                returned.getReplyCode(),
                returned.getReplyText(),
                properties == null ? null : properties.getHeaders(),
                properties == null ? null : properties.getMessageId(),
                body == null ? -1 : body.length));
    RabbitMetrics.returnedUnconfirmed(returned.getExchange(), returned.getRoutingKey(), span);
    Tracing.end(span, null);
  }
}
