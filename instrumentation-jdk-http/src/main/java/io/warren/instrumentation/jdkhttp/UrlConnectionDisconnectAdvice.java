package io.warren.instrumentation.jdkhttp;

import io.warren.instrumentation.jdkhttp.bootstrap.UrlConnections;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code HttpURLConnection.disconnect}: a span whose response was never read ends. */
public final class UrlConnectionDisconnectAdvice {

  private UrlConnectionDisconnectAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(@Advice.This HttpURLConnection connection) {
    UrlConnections.closed(connection);
  }
}
