package io.warren.instrumentation.vertxrabbitmq;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.warren.agent.api.MethodAdvice;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Where the consumer calls the application's {@code RabbitMQConsumer.handler(...)}, on the
 * context's thread: in 4.5 the lambda {@code RabbitMQConsumerImpl.handler} gives its inbound
 * buffer, in 5.0 the one {@code RabbitMQConsumerImpl$PendingQueue.handleMessage} dispatches. Both
 * are the only method of their class that takes the handler and a message, (Handler,
 * RabbitMQMessage), and calls one with the other: matched by that shape, not by the compiler's
 * name for it.
 */
final class MessageHandlerInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(
        "io.vertx.rabbitmq.impl.RabbitMQConsumerImpl",
        "io.vertx.rabbitmq.impl.RabbitMQConsumerImpl$PendingQueue");
  }

  @Override
  public List<MethodAdvice> methodAdvice() {
    return Collections.singletonList(
        new MethodAdvice(
            isPrivate()
                .and(isSynthetic())
                .and(returns(void.class))
                .and(takesArguments(2))
                .and(takesArgument(0, named("io.vertx.core.Handler")))
                .and(takesArgument(1, named("io.vertx.rabbitmq.RabbitMQMessage"))),
            VertxRabbitMqInstrumentationModule.PACKAGE + "HandlerAdvice"));
  }
}
