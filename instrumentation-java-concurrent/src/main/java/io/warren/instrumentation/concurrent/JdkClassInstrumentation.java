package io.warren.instrumentation.concurrent;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;

import io.warren.agent.api.MethodAdvice;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One JDK class, by name, and the advice on its methods. The class matches only when it declares
 * one of them, so a JDK without them (no virtual threads before Java 21) is left untouched rather
 * than rewritten for nothing.
 */
final class JdkClassInstrumentation implements TypeInstrumentation {

  private final String className;
  private final List<MethodAdvice> advice;

  JdkClassInstrumentation(String className, MethodAdvice... advice) {
    this.className = className;
    this.advice = Arrays.asList(advice);
  }

  String className() {
    return className;
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    ElementMatcher.Junction<MethodDescription> anyMethod = none();
    for (MethodAdvice method : advice) {
      anyMethod = anyMethod.or(method.methods());
    }
    return named(className).and(declaresMethod(anyMethod));
  }

  @Override
  public List<MethodAdvice> methodAdvice() {
    return advice;
  }
}
