package io.warren.instrumentation.rabbitmq;

import static net.bytebuddy.matcher.ElementMatchers.failSafe;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.warren.agent.api.MethodAdvice;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every {@code Consumer} implementation. The client wraps the DeliverCallback lambdas given to
 * basicConsume in Consumers of its own, so this covers lambdas as well.
 */
final class ConsumerInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return not(isInterface()).and(failSafe(hasSuperType(named("com.rabbitmq.client.Consumer"))));
  }

  @Override
  public List<MethodAdvice> methodAdvice() {
    return Collections.singletonList(
        new MethodAdvice(
            not(isAbstract())
                .and(named("handleDelivery"))
                .and(takesArguments(4))
                .and(takesArgument(1, named("com.rabbitmq.client.Envelope"))),
            "io.warren.instrumentation.rabbitmq.DeliveryAdvice"));
  }
}
