package io.warren.instrumentation.jdkhttp;

import io.warren.bootstrap.CallDepth;
import io.warren.instrumentation.jdkhttp.bootstrap.JdkHttp;
import io.warren.instrumentation.jdkhttp.bootstrap.UrlConnections;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpURLConnection.getInputStream}, where the response is read (also for
 * {@code getResponseCode} and the header getters, which call it): the span of a request not sent
 * yet starts, and the outermost call ends it with the status the connection parsed. A 4xx or 5xx
 * makes this method throw; the status then tells it from a failed connection.
 */
public final class UrlConnectionResponseAdvice {

  private UrlConnectionResponseAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(
      @Advice.This HttpURLConnection connection, @Advice.FieldValue("connected") boolean connected) {
    if (CallDepth.enter(JdkHttp.URL_CONNECTION_DEPTH)) {
      UrlConnections.sending(connection, connected);
    }
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.This HttpURLConnection connection,
      @Advice.FieldValue("responseCode") int status,
      @Advice.Thrown Throwable thrown) {
    if (CallDepth.exit(JdkHttp.URL_CONNECTION_DEPTH)) {
      UrlConnections.answered(connection, status, thrown);
    }
  }
}
