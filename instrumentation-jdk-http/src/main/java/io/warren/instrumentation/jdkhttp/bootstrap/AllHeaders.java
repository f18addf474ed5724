package io.warren.instrumentation.jdkhttp.bootstrap;

import java.util.function.BiPredicate;

/** The header filter that keeps every header, for {@code HttpRequest.newBuilder(request, filter)}. */
public enum AllHeaders implements BiPredicate<String, String> {
  INSTANCE;

  @Override
  public boolean test(String name, String value) {
    return true;
  }
}
