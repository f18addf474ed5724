package io.warren.agent.api;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Advice for the methods (or constructors: {@code isConstructor()}) a matcher selects. The advice
 * class is named, never referenced, so it is read from its class file and inlined; it is never
 * loaded by the agent's class loader.
 */
public final class MethodAdvice {

  private final ElementMatcher<? super MethodDescription> methods;
  private final String adviceClassName;

  public MethodAdvice(ElementMatcher<? super MethodDescription> methods, String adviceClassName) {
    this.methods = methods;
    this.adviceClassName = adviceClassName;
  }

  public ElementMatcher<? super MethodDescription> methods() {
    return methods;
  }

  public String adviceClassName() {
    return adviceClassName;
  }
}
