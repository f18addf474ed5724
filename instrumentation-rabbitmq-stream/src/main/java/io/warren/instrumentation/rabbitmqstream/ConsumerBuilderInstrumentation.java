package io.warren.instrumentation.rabbitmqstream;

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
 * The client's consumer builder, where the application hands over its {@code MessageHandler}.
 * Applications mostly give lambdas, which no agent can instrument, and the client calls the
 * handler through lambdas of its own: so the handler is wrapped where it is handed over, once,
 * whatever it is.
 */
final class ConsumerBuilderInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.rabbitmq.stream.impl.StreamConsumerBuilder");
  }

  @Override
  public List<MethodAdvice> methodAdvice() {
    return Collections.singletonList(
        new MethodAdvice(
            named("messageHandler")
                .and(takesArguments(1))
                .and(takesArgument(0, named("com.rabbitmq.stream.MessageHandler"))),
            "io.warren.instrumentation.rabbitmqstream.HandlerAdvice"));
  }
}
