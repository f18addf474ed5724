package io.warren.instrumentation.vertxrabbitmq;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.warren.agent.api.MethodAdvice;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The client's amqp-client consumer, which the RabbitMQ module leaves to this one: its
 * handleDelivery notes which subscription the delivery came through, and the end of a
 * subscription is forgotten as for any other consumer.
 */
final class QueueConsumerInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(VertxRabbitMqInstrumentationModule.QUEUE_CONSUMER);
  }

  @Override
  public List<MethodAdvice> methodAdvice() {
    return Arrays.asList(
        new MethodAdvice(
            named("handleDelivery")
                .and(takesArguments(4))
                .and(takesArgument(1, named("com.rabbitmq.client.Envelope"))),
            VertxRabbitMqInstrumentationModule.PACKAGE + "DeliveryArrivedAdvice"),
        new MethodAdvice(
            namedOneOf("handleCancel", "handleShutdownSignal").and(takesArgument(0, String.class)),
            VertxRabbitMqInstrumentationModule.PACKAGE + "SubscriptionEndAdvice"));
  }
}
