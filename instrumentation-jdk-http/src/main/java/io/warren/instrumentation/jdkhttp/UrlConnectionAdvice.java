package io.warren.instrumentation.jdkhttp;

import io.warren.bootstrap.CallDepth;
import io.warren.instrumentation.jdkhttp.bootstrap.JdkHttp;
import io.warren.instrumentation.jdkhttp.bootstrap.UrlConnections;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpURLConnection}'s {@code connect}, {@code getOutputStream} and {@code
 * getInputStream}, which call one another: the outermost call starts the span of a request not
 * sent yet ({@link UrlConnections#sending}). {@code getInputStream} reads the response (also for
 * {@code getResponseCode} and the header getters, which call it): its outermost call ends the span
 * with the status the connection parsed. A 4xx or 5xx makes it throw; the status tells that from a
 * failed connection. {@code connect} or {@code getOutputStream} that throw: the request failed.
 */
public final class UrlConnectionAdvice {

  private UrlConnectionAdvice() {}

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
      @Advice.Origin("#m") String method,
      @Advice.FieldValue("responseCode") int status,
      @Advice.Thrown Throwable thrown) {
    if (CallDepth.exit(JdkHttp.URL_CONNECTION_DEPTH)) {
      if (method.equals("getInputStream")) {
        UrlConnections.answered(connection, status, thrown);
      } else if (thrown != null) {
        UrlConnections.answered(connection, -1, thrown);
      }
    }
  }
}
