package io.warren.instrumentation.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import io.warren.bootstrap.CallDepth;
import io.warren.instrumentation.http.bootstrap.HeaderCarrier;
import io.warren.instrumentation.http.bootstrap.HttpSpans;
import io.warren.instrumentation.jdkhttp.bootstrap.JdkHttp;
import java.net.InetSocketAddress;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Filter.Chain.doFilter}: the outermost call runs the request through the
 * context's filters to its handler. A SERVER span, whose parent is the context in the request's
 * headers, is current meanwhile; it ends when the handler returns, with the status it sent. The
 * JDK's server knows no route (a context is a path prefix), so the span is named by its method.
 * A handler that answers later from another thread leaves the span without a status.
 */
public final class ServerExchangeAdvice {

  private ServerExchangeAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.Argument(0) HttpExchange exchange) {
    if (!CallDepth.enter(JdkHttp.SERVER_DEPTH)) {
      return null;
    }
    InetSocketAddress local = exchange.getLocalAddress();
    InetSocketAddress remote = exchange.getRemoteAddress();
    return HttpSpans.startServer(
            JdkHttp.INSTRUMENTATION,
            exchange.getRequestMethod(),
            null,
            exchange instanceof HttpsExchange ? "https" : "http",
            exchange.getRequestURI().getRawPath(),
            local == null ? null : local.getHostString(),
            local == null ? -1 : local.getPort(),
            remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress(),
            exchange.getRequestHeaders().getFirst("User-Agent"),
            HeaderCarrier.of(exchange.getRequestHeaders()));
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.Enter Object span,
      @Advice.Argument(0) HttpExchange exchange,
      @Advice.Thrown Throwable thrown) {
    CallDepth.exit(JdkHttp.SERVER_DEPTH);
    if (span != null) {
      HttpSpans.endServer(span, exchange.getResponseCode(), thrown);
    }
  }
}
