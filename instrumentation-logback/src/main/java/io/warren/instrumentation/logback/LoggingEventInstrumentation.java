package io.warren.instrumentation.logback;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.warren.agent.api.MethodAdvice;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The constructor every Logback logger call goes through (Logback 1.2 to 1.6, the SLF4J 2 fluent
 * API too): {@code LoggingEvent(String fqcn, Logger, Level, String, Throwable, Object[])}. The
 * no-argument constructor (deserialization, tests) is left alone.
 */
final class LoggingEventInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(LogbackInstrumentationModule.LOGGING_EVENT);
  }

  @Override
  public List<MethodAdvice> methodAdvice() {
    return Collections.singletonList(
        new MethodAdvice(
            isConstructor()
                .and(takesArgument(1, named("ch.qos.logback.classic.Logger")))
                .and(takesArgument(2, named("ch.qos.logback.classic.Level"))),
            "io.warren.instrumentation.logback.LoggingEventAdvice"));
  }
}
