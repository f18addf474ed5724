package io.warren.instrumentation.http.bootstrap;

import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;
import java.util.Map;

/**
 * The HTTP spans of every HTTP module, as the OpenTelemetry HTTP conventions describe them: their
 * names, attributes, and which outcome is an error. A module reads the values from its library's
 * request and response and hands them here; no header value and no body is ever recorded.
 */
public final class HttpSpans {

  /** The server span open on this thread, for {@link #route}. */
  private static final ThreadLocal<ServerSpan> CURRENT_SERVER = new ThreadLocal<ServerSpan>();

  private HttpSpans() {}

  /**
   * Starts a SERVER span for a request that came in, current on this thread until {@link
   * #endServer}; its parent is the context in the request's headers (a malformed or missing one: a
   * new trace). Named {@code {method} {route}}, or {@code {method}} while no route is known (the
   * raw path would make a name per URL): a framework that matches the route later names it with
   * {@link #route}. Returns the span's handle, or null.
   *
   * @param instrumentation the module's instrumentation scope
   * @param headers the request's headers, as a carrier ({@link HeaderCarrier})
   * @param route the matched route template ({@code /orders/{id}}), or null
   * @param port the port the request came to, or -1
   */
  public static Object startServer(String instrumentation, String method, String route, String scheme,
      String path, String host, int port, String clientAddress, String userAgent,
      Map<String, Object> headers) {
    String normalized = HttpMethods.normalized(method);
    SpanStart span =
        SpanStart.begin(instrumentation, SpanStart.Kind.SERVER, serverName(normalized, route))
            .parentFrom(headers);
    method(span, method, normalized);
    span.set(HttpAttributes.ROUTE, route)
        .set(HttpAttributes.URL_SCHEME, scheme)
        .set(HttpAttributes.URL_PATH, path)
        .set(HttpAttributes.SERVER_ADDRESS, host)
        .set(HttpAttributes.CLIENT_ADDRESS, clientAddress)
        .set(HttpAttributes.USER_AGENT, userAgent);
    if (port > 0) {
      span.set(HttpAttributes.SERVER_PORT, port);
    }
    Object handle = Tracing.startCurrent(span);
    if (handle != null) {
      CURRENT_SERVER.set(new ServerSpan(handle, normalized));
    }
    return handle;
  }

  /**
   * The route the framework matched for the request handled on this thread ({@code
   * /orders/{id}}): the server span gets it as {@code http.route} and is named {@code {method}
   * {route}}. Nothing when no server span is open on this thread, or the route is null. The first
   * route wins: an error page the container dispatches to afterwards ({@code /error}) is not the
   * route of the request.
   */
  public static void route(String route) {
    ServerSpan current = CURRENT_SERVER.get();
    if (current != null && !current.routed && route != null && !route.isEmpty()) {
      current.routed = true;
      Tracing.setAttribute(current.handle, HttpAttributes.ROUTE, route);
      Tracing.updateName(current.handle, serverName(current.method, route));
    }
  }

  /**
   * A CLIENT span for a request about to be sent, named {@code {method}}; its context goes into
   * {@code outgoing}, headers the module then adds to the request.
   *
   * @param url the request's URL; only its scheme, host, port and path are recorded
   * @param port the port the request goes to, or -1 for the scheme's default
   */
  public static SpanStart client(String instrumentation, String method, String url, String scheme,
      String host, int port, Map<String, Object> outgoing) {
    String normalized = HttpMethods.normalized(method);
    SpanStart span =
        SpanStart.begin(instrumentation, SpanStart.Kind.CLIENT, normalized.equals(HttpMethods.OTHER) ? "HTTP" : normalized)
            .injectInto(outgoing);
    method(span, method, normalized);
    span.set(HttpAttributes.URL_FULL, Urls.redact(url)).set(HttpAttributes.SERVER_ADDRESS, host);
    int effectivePort = port > 0 ? port : Urls.defaultPort(scheme);
    if (effectivePort > 0) {
      span.set(HttpAttributes.SERVER_PORT, effectivePort);
    }
    return span;
  }

  /**
   * Ends a SERVER span: the status (-1: none was sent) is recorded; a 5xx is an error, a 4xx is
   * the client's and not, and so is an exception that escaped the handler.
   */
  public static void endServer(Object handle, int status, Throwable thrown) {
    forgetServer(handle);
    end(handle, status, thrown, 500);
  }

  /**
   * The request goes on asynchronously: its SERVER span stays open but is no longer current on
   * this thread, nor named by a route matched here later; whichever thread completes the request
   * ends it ({@link #endServer}).
   */
  public static void leaveServer(Object handle) {
    forgetServer(handle);
    Tracing.closeScope(handle);
  }

  private static void forgetServer(Object handle) {
    ServerSpan current = CURRENT_SERVER.get();
    if (current != null && current.handle == handle) {
      CURRENT_SERVER.remove();
    }
  }

  /**
   * Ends a CLIENT span: a 4xx or 5xx is an error ({@code error.type} the status); so is a
   * request that failed without a response (the exception's class).
   */
  public static void endClient(Object handle, int status, Throwable thrown) {
    end(handle, status, thrown, 400);
  }

  /** The name of a server span: {@code {method} {route}}, {@code {method}}, or {@code HTTP}. */
  static String serverName(String normalizedMethod, String route) {
    String method = normalizedMethod.equals(HttpMethods.OTHER) ? "HTTP" : normalizedMethod;
    return route == null || route.isEmpty() ? method : method + " " + route;
  }

  private static void method(SpanStart span, String method, String normalized) {
    span.set(HttpAttributes.REQUEST_METHOD, normalized);
    if (normalized.equals(HttpMethods.OTHER)) {
      span.set(HttpAttributes.REQUEST_METHOD_ORIGINAL, method);
    }
  }

  private static void end(Object handle, int status, Throwable thrown, int firstErrorStatus) {
    if (handle == null) {
      return;
    }
    if (status > 0) {
      Tracing.setAttribute(handle, HttpAttributes.RESPONSE_STATUS_CODE, Long.valueOf(status));
      if (status >= firstErrorStatus && thrown == null) {
        Tracing.fail(handle, Integer.toString(status), null);
      }
    }
    Tracing.end(handle, thrown);
  }

  private static final class ServerSpan {
    final Object handle;
    final String method;
    boolean routed;

    ServerSpan(Object handle, String method) {
      this.handle = handle;
      this.method = method;
    }
  }
}
