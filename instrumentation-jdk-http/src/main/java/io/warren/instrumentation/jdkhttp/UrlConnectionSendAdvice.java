package io.warren.instrumentation.jdkhttp;

import io.warren.bootstrap.CallDepth;
import io.warren.instrumentation.jdkhttp.bootstrap.JdkHttp;
import io.warren.instrumentation.jdkhttp.bootstrap.UrlConnections;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code HttpURLConnection.connect} and {@code getOutputStream}: see {@link UrlConnections#sending}. */
public final class UrlConnectionSendAdvice {

  private UrlConnectionSendAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(
      @Advice.This HttpURLConnection connection, @Advice.FieldValue("connected") boolean connected) {
    if (CallDepth.enter(JdkHttp.URL_CONNECTION_DEPTH)) {
      UrlConnections.sending(connection, connected);
    }
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.This HttpURLConnection connection, @Advice.Thrown Throwable thrown) {
    if (CallDepth.exit(JdkHttp.URL_CONNECTION_DEPTH) && thrown != null) {
      UrlConnections.answered(connection, -1, thrown); // the request could not be sent
    }
  }
}
