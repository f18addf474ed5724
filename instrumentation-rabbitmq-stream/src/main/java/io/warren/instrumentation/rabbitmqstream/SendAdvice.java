package io.warren.instrumentation.rabbitmqstream;

import com.rabbitmq.stream.ConfirmationHandler;
import com.rabbitmq.stream.Message;
import com.rabbitmq.stream.Properties;
import io.warren.bootstrap.CallDepth;
import io.warren.instrumentation.rabbitmqstream.bootstrap.StreamSend;
import io.warren.instrumentation.rabbitmqstream.bootstrap.StreamSpans;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code StreamProducer.send(Message, ConfirmationHandler)}. Starts a PRODUCER span
 * and sends, in place of the application's message and handler, a stand-in of the message whose
 * application properties carry the context, and a handler that ends the span when the broker
 * confirms the message before calling the application's. The application's message is never
 * written to; when anything fails, its own message and handler go out untouched.
 */
public final class SendAdvice {

  private SendAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(
      @Advice.This Object producer,
      @Advice.FieldValue("stream") String stream,
      @Advice.Argument(value = 0, readOnly = false) Message message,
      @Advice.Argument(value = 1, readOnly = false) ConfirmationHandler confirmationHandler) {
    if (!CallDepth.enter(StreamSpans.SEND_DEPTH) || message == null) {
      return null;
    }
    Map<String, Object> properties = message.getApplicationProperties();
    Properties amqpProperties = message.getProperties();
    StreamSend send =
        StreamSend.start(
            producer,
            stream,
            amqpProperties == null ? null : amqpProperties.getMessageId(),
            message.getMessageAnnotations(),
            properties);
    if (send == null) {
      return null;
    }
    Object[] replacements =
        send.replacements(
            Message.class, message, properties, ConfirmationHandler.class, confirmationHandler);
    // Assigned last, both or neither.
    Message traced = (Message) replacements[0];
    ConfirmationHandler confirming = (ConfirmationHandler) replacements[1];
    message = traced;
    confirmationHandler = confirming;
    return send;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.Enter Object send, @Advice.Thrown Throwable error) {
    CallDepth.exit(StreamSpans.SEND_DEPTH);
    if (send != null && error != null) {
      ((StreamSend) send).failed(error);
    }
  }
}
