package io.warren.instrumentation.vertxrabbitmq;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.warren.agent.api.MethodAdvice;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Publishes queued before they are sent, each sent with the context it was handed over in rather
 * than the one of whatever sends it. Only the context travels: no span is added.
 */
final class QueuedPublishInstrumentation {

  private QueuedPublishInstrumentation() {}

  static final String MESSAGE_DETAILS = "io.vertx.rabbitmq.impl.RabbitMQPublisherImpl$MessageDetails";

  /**
   * Vert.x's {@code RabbitMQPublisher} (4.5 and 5.0) queues each message and sends one at a time:
   * the next from the completion of the one before, or, when the client was not connected, from
   * the reconnection. Each message takes the context when it is queued ({@code MessageDetails}
   * is made) and is sent with it ({@code doSend}, again on a retry).
   */
  static final class PublisherQueue implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(MESSAGE_DETAILS);
    }

    @Override
    public List<MethodAdvice> methodAdvice() {
      return Collections.singletonList(
          new MethodAdvice(
              isConstructor(),
              VertxRabbitMqInstrumentationModule.PACKAGE + "PublisherMessageQueuedAdvice"));
    }
  }

  static final class PublisherSend implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named("io.vertx.rabbitmq.impl.RabbitMQPublisherImpl");
    }

    @Override
    public List<MethodAdvice> methodAdvice() {
      return Collections.singletonList(
          new MethodAdvice(
              named("doSend").and(takesArguments(1)).and(takesArgument(0, named(MESSAGE_DETAILS))),
              VertxRabbitMqInstrumentationModule.PACKAGE + "PublisherSendAdvice"));
    }
  }
}
