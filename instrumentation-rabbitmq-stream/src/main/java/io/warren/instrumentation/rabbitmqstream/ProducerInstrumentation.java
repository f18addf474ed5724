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
 * The client's producer, {@code StreamProducer}: every send goes through it, a super stream's
 * producer too (it sends each message through the producer of its partition).
 */
final class ProducerInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.rabbitmq.stream.impl.StreamProducer");
  }

  @Override
  public List<MethodAdvice> methodAdvice() {
    return Collections.singletonList(
        new MethodAdvice(
            named("send")
                .and(takesArguments(2))
                .and(takesArgument(0, named("com.rabbitmq.stream.Message")))
                .and(takesArgument(1, named("com.rabbitmq.stream.ConfirmationHandler"))),
            "io.warren.instrumentation.rabbitmqstream.SendAdvice"));
  }
}
