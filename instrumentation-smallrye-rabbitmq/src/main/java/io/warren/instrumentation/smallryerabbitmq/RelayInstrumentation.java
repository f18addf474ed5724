package io.warren.instrumentation.smallryerabbitmq;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.warren.agent.api.MethodAdvice;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** The three steps of a relayed message: delivered, received by the connector, converted to send. */
final class RelayInstrumentation {

  private RelayInstrumentation() {}

  /**
   * Mutiny's wrapper of a Vert.x delivery, made in the consumer's handler, where the Vert.x
   * module's process span is current.
   */
  static final class Delivered implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(SmallRyeRabbitMqInstrumentationModule.MUTINY_MESSAGE);
    }

    @Override
    public List<MethodAdvice> methodAdvice() {
      return Collections.singletonList(new MethodAdvice(
          isConstructor().and(takesArguments(1))
              .and(takesArgument(0, named("io.vertx.rabbitmq.RabbitMQMessage"))),
          SmallRyeRabbitMqInstrumentationModule.PACKAGE + "DeliveredAdvice"));
    }
  }

  /** The connector's message for a delivery, made later, on another thread. */
  static final class Received implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(SmallRyeRabbitMqInstrumentationModule.INCOMING_MESSAGE);
    }

    @Override
    public List<MethodAdvice> methodAdvice() {
      return Collections.singletonList(new MethodAdvice(
          isConstructor(), SmallRyeRabbitMqInstrumentationModule.PACKAGE + "ReceivedAdvice"));
    }
  }

  /** A message the application's method returned, converted for the Vert.x publisher. */
  static final class Converted implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(SmallRyeRabbitMqInstrumentationModule.CONVERTER);
    }

    @Override
    public List<MethodAdvice> methodAdvice() {
      return Collections.singletonList(new MethodAdvice(
          named("convert").and(isStatic())
              .and(takesArgument(1, named("org.eclipse.microprofile.reactive.messaging.Message"))),
          SmallRyeRabbitMqInstrumentationModule.PACKAGE + "ConvertedAdvice"));
    }
  }
}
