package io.warren.instrumentation.springrabbit;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.warren.agent.api.MethodAdvice;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every container's listener call: {@code executeListener} takes one message or a batch and
 * runs the listener through its advice chain (a retry interceptor calls
 * {@code actualInvokeListener} once per attempt).
 */
final class ListenerContainerInstrumentation implements TypeInstrumentation {

  private static final String PACKAGE = "io.warren.instrumentation.springrabbit.";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(SpringRabbitInstrumentationModule.CONTAINER);
  }

  @Override
  public List<MethodAdvice> methodAdvice() {
    return Arrays.asList(
        new MethodAdvice(
            named("executeListener")
                .and(takesArguments(2))
                .and(takesArgument(0, named("com.rabbitmq.client.Channel"))),
            PACKAGE + "ListenerAdvice"),
        new MethodAdvice(
            named("actualInvokeListener")
                .and(takesArguments(2))
                .and(takesArgument(0, named("com.rabbitmq.client.Channel"))),
            PACKAGE + "AttemptAdvice"));
  }
}
