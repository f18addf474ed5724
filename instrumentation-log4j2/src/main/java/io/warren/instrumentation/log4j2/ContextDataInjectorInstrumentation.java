package io.warren.instrumentation.log4j2;

import static net.bytebuddy.matcher.ElementMatchers.failSafe;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.warren.agent.api.MethodAdvice;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every {@code ContextDataInjector}: Log4j2's own (one per ThreadContext map implementation,
 * 2.7 onwards) and any an application configures with {@code log4j2.contextDataInjector}.
 */
final class ContextDataInjectorInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return not(isInterface()).and(failSafe(hasSuperType(named(Log4j2InstrumentationModule.INJECTOR))));
  }

  @Override
  public List<MethodAdvice> methodAdvice() {
    return Collections.singletonList(
        new MethodAdvice(
            not(isAbstract())
                .and(named("injectContextData"))
                .and(takesArguments(2))
                .and(takesArgument(1, named("org.apache.logging.log4j.util.StringMap")))
                .and(returns(named("org.apache.logging.log4j.util.StringMap"))),
            "io.warren.instrumentation.log4j2.InjectContextDataAdvice"));
  }
}
