package io.warren.instrumentation.opentelemetryapi;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.warren.agent.api.MethodAdvice;
import io.warren.agent.api.Relocation;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Exit advice on one static method of one of the API's classes. */
final class ApiInstrumentation implements TypeInstrumentation {

  private final String className;
  private final String methodName;
  private final int arguments;
  private final Class<?> advice;

  /** {@code className} as the agent's own copy is named (relocated in the jar, then undone). */
  ApiInstrumentation(String className, String methodName, int arguments, Class<?> advice) {
    this.className = Relocation.undone(className);
    this.methodName = methodName;
    this.arguments = arguments;
    this.advice = advice;
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(className);
  }

  @Override
  public List<MethodAdvice> methodAdvice() {
    return Collections.singletonList(new MethodAdvice(
        isStatic().and(named(methodName)).and(takesArguments(arguments)), advice.getName()));
  }
}
