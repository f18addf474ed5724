package io.warren.agent.api.helpers;

import java.util.function.Supplier;

/** A helper that needs only the JDK. */
public final class JdkHelper implements Supplier<ClassLoader> {
  @Override
  public ClassLoader get() {
    return JdkHelper.class.getClassLoader();
  }
}
