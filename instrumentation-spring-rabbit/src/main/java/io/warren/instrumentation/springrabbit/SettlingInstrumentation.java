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
 * Where each container settles what its listener was given, on the listener's thread: the simple
 * container acknowledges (or rejects) in {@code receiveAndExecute} after the listener returned,
 * the direct container in its consumer's {@code handleDelivery}. Delivery spans end there.
 */
final class SettlingInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(SpringRabbitInstrumentationModule.SIMPLE_CONTAINER)
        .or(named(SpringRabbitInstrumentationModule.DIRECT_CONSUMER));
  }

  @Override
  public List<MethodAdvice> methodAdvice() {
    return Arrays.asList(
        new MethodAdvice(
            named("receiveAndExecute")
                .and(takesArguments(1))
                .and(takesArgument(0, named("org.springframework.amqp.rabbit.listener.BlockingQueueConsumer"))),
            "io.warren.instrumentation.springrabbit.SettleAdvice"),
        new MethodAdvice(
            named("handleDelivery")
                .and(takesArguments(4))
                .and(takesArgument(1, named("com.rabbitmq.client.Envelope"))),
            "io.warren.instrumentation.springrabbit.SettleAdvice"));
  }
}
