package io.warren.instrumentation.rabbitmq;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.warren.agent.api.MethodAdvice;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The client's own channel, ChannelN, where the broker's answers arrive: publisher confirms (an
 * ack or a nack, each with its own overload), and the end of the channel, after which nothing it
 * sent will be confirmed and nothing it delivered can be settled. Both methods are private and
 * have kept their names and arguments from amqp-client 5.0.0 to 5.37.1.
 */
final class ClientChannelInstrumentation implements TypeInstrumentation {

  private static final String PACKAGE = "io.warren.instrumentation.rabbitmq.";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.rabbitmq.client.impl.ChannelN");
  }

  @Override
  public List<MethodAdvice> methodAdvice() {
    return Arrays.asList(
        new MethodAdvice(
            named("callConfirmListeners").and(takesArguments(2)),
            PACKAGE + "ConfirmAdvice"),
        new MethodAdvice(
            named("finishProcessShutdownSignal").and(takesArguments(0)),
            PACKAGE + "ChannelClosedAdvice"));
  }
}
