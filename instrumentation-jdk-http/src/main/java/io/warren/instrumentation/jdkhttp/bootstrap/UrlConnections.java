package io.warren.instrumentation.jdkhttp.bootstrap;

import io.warren.bootstrap.Tracing;
import io.warren.instrumentation.http.bootstrap.HttpSpans;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The CLIENT spans of {@code HttpURLConnection}s: started when the request is about to go out
 * (the first {@code connect}, {@code getOutputStream} or {@code getInputStream}), ended when its
 * response is read ({@code getInputStream}, which {@code getResponseCode} and the header getters
 * call) or at {@code disconnect()}. A connection whose response is never read and that is never
 * disconnected holds its span only as long as it lives: the map is weak, and the span goes,
 * unexported, with the connection.
 */
public final class UrlConnections {

  /**
   * Connection to its open span, or to {@link #ENDED} once it ended: the connection may read its
   * failed response again (getResponseCode after a refused connection does), but it is one
   * request, one span. The JDK's connection classes keep Object's identity equality.
   */
  private static final Map<HttpURLConnection, Object> SPANS =
      Collections.synchronizedMap(new WeakHashMap<HttpURLConnection, Object>());

  private static final Object ENDED = new Object();

  private UrlConnections() {}

  /**
   * The request of {@code connection} is about to be sent: a CLIENT span starts, and its context
   * goes into the request's headers. Nothing when it was sent already ({@code connected}).
   */
  public static void sending(HttpURLConnection connection, boolean connected) {
    if (connected || SPANS.containsKey(connection)) {
      return;
    }
    URL url = connection.getURL();
    Map<String, Object> outgoing = new HashMap<String, Object>();
    Object span = Tracing.start(HttpSpans.client(JdkHttp.INSTRUMENTATION, connection.getRequestMethod(),
        url.toString(), url.getProtocol(), url.getHost(), url.getPort(), outgoing));
    if (span == null) {
      return;
    }
    SPANS.put(connection, span);
    for (Map.Entry<String, Object> header : outgoing.entrySet()) {
      connection.setRequestProperty(header.getKey(), String.valueOf(header.getValue()));
    }
  }

  /**
   * The response was read: {@code status} is the one the connection parsed (-1: none, e.g. the
   * connection failed with {@code thrown}).
   */
  public static void answered(HttpURLConnection connection, int status, Throwable thrown) {
    Object span = SPANS.put(connection, ENDED);
    if (span != null && span != ENDED) {
      HttpSpans.endClient(span, status, status > 0 ? null : thrown);
    }
  }

  /** {@code disconnect()}: a span still open ends without a status. */
  public static void closed(HttpURLConnection connection) {
    Object span = SPANS.put(connection, ENDED);
    if (span != null && span != ENDED) {
      HttpSpans.endClient(span, -1, null);
    }
  }
}
