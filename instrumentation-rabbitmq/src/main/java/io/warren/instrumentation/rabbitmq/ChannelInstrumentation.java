package io.warren.instrumentation.rabbitmq;

import static net.bytebuddy.matcher.ElementMatchers.failSafe;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.warren.agent.api.MethodAdvice;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every {@code Channel} implementation: ChannelN, AutorecoveringChannel, and any wrapper an
 * application or framework writes.
 */
final class ChannelInstrumentation implements TypeInstrumentation {

  private static final String PACKAGE = "io.warren.instrumentation.rabbitmq.";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return not(isInterface()).and(failSafe(hasSuperType(named("com.rabbitmq.client.Channel"))));
  }

  @Override
  public List<MethodAdvice> methodAdvice() {
    return Arrays.asList(
        // The overloads that take every argument: the shorter ones call these, and matching
        // on the body's position (byte[] or, since 5.30, ByteBuffer) never names WriteListener,
        // so one module serves clients with and without it.
        new MethodAdvice(
            isPublic()
                .and(not(isAbstract()))
                .and(named("basicPublish"))
                .and(takesArguments(6).or(takesArguments(7)))
                .and(takesArgument(4, named("com.rabbitmq.client.AMQP$BasicProperties"))),
            PACKAGE + "PublishAdvice"),
        new MethodAdvice(
            isPublic()
                .and(not(isAbstract()))
                .and(named("basicGet"))
                .and(takesArguments(2))
                .and(returns(named("com.rabbitmq.client.GetResponse"))),
            PACKAGE + "ReceiveAdvice"),
        new MethodAdvice(
            isPublic()
                .and(not(isAbstract()))
                .and(named("basicConsume"))
                .and(takesArguments(7))
                .and(takesArgument(6, named("com.rabbitmq.client.Consumer"))),
            PACKAGE + "ConsumeAdvice"),
        // Private in ChannelN, called for every basic.return, listeners or not.
        new MethodAdvice(
            named("callReturnListeners")
                .and(takesArguments(2))
                .and(takesArgument(0, named("com.rabbitmq.client.Command"))),
            PACKAGE + "ReturnAdvice"),
        new MethodAdvice(
            isPublic()
                .and(not(isAbstract()))
                .and(named("basicAck").or(named("basicReject")))
                .and(takesArguments(long.class, boolean.class)),
            PACKAGE + "SettleAdvice"),
        new MethodAdvice(
            isPublic()
                .and(not(isAbstract()))
                .and(named("basicNack"))
                .and(takesArguments(long.class, boolean.class, boolean.class)),
            PACKAGE + "NackAdvice"));
  }
}
