package io.warren.instrumentation.rabbitmqstream;

import com.rabbitmq.stream.MessageHandler;
import io.warren.instrumentation.rabbitmqstream.bootstrap.TracedHandler;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code StreamConsumerBuilder.messageHandler(MessageHandler)}: the consumer gets
 * the application's handler wrapped, so each message it handles is a CONSUMER span, current
 * while the handler runs. When wrapping fails, the handler is kept as it is.
 */
public final class HandlerAdvice {

  private HandlerAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(
      @Advice.Argument(value = 0, readOnly = false) MessageHandler messageHandler) {
    MessageHandler traced = (MessageHandler) TracedHandler.wrap(MessageHandler.class, messageHandler);
    messageHandler = traced;
  }
}
