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
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every {@code Consumer} implementation. The client wraps the DeliverCallback lambdas given to
 * basicConsume in Consumers of its own, so this covers lambdas as well. The RpcServer's consumer
 * only queues requests for the server's main loop, where {@link RpcServerInstrumentation} traces
 * them.
 */
final class ConsumerInstrumentation implements TypeInstrumentation {

  private static final String PACKAGE = "io.warren.instrumentation.rabbitmq.";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return not(isInterface())
        .and(not(named("com.rabbitmq.client.RpcServer$DefaultRpcConsumer")))
        .and(failSafe(hasSuperType(named("com.rabbitmq.client.Consumer"))));
  }

  @Override
  public List<MethodAdvice> methodAdvice() {
    return Arrays.asList(
        new MethodAdvice(
            not(isAbstract())
                .and(named("handleDelivery"))
                .and(takesArguments(4))
                .and(takesArgument(1, named("com.rabbitmq.client.Envelope"))),
            PACKAGE + "DeliveryAdvice"),
        new MethodAdvice(
            not(isAbstract())
                .and(named("handleCancelOk").or(named("handleCancel")).or(named("handleShutdownSignal")))
                .and(takesArgument(0, String.class)),
            PACKAGE + "SubscriptionEndAdvice"));
  }
}
