package io.warren.instrumentation.servlet;

import io.warren.bootstrap.CallDepth;
import io.warren.instrumentation.http.bootstrap.HeaderCarrier;
import io.warren.instrumentation.http.bootstrap.HttpSpans;
import io.warren.instrumentation.servlet.bootstrap.AsyncEnd;
import io.warren.instrumentation.servlet.bootstrap.Servlets;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every {@code Filter.doFilter} and {@code Servlet.service}: the outermost call on
 * the thread handles the request. A SERVER span, whose parent is the context in the request's
 * headers, is current while it runs and ends when it returns, with the status set by then (a 5xx,
 * or an exception that escapes, is an error). A request that goes asynchronous (a controller
 * returning a {@code CompletableFuture} or {@code DeferredResult}) keeps its span open, no longer
 * current, until the container completes it or its async timeout passes ({@link AsyncEnd}); its
 * later ASYNC dispatches start no span, nor does the ERROR dispatch of its error page.
 */
public final class ServletRequestAdvice {

  private ServletRequestAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.Argument(0) ServletRequest servletRequest) {
    // Only the container's first dispatch of a request starts its span: a later ASYNC dispatch
    // belongs to the span still open, and an ERROR dispatch (the error page the container shows
    // after the request's own dispatch returned, Spring Boot's /error) to the span that ended.
    if (!CallDepth.enter(Servlets.REQUEST_DEPTH) || !(servletRequest instanceof HttpServletRequest)
        || servletRequest.getDispatcherType() != DispatcherType.REQUEST) {
      return null;
    }
    HttpServletRequest request = (HttpServletRequest) servletRequest;
    // The container's headers, read through its own API: the carrier is a copy of the names and
    // values, never the request's own state.
    Map<String, List<String>> headers = new HashMap<String, List<String>>();
    for (Enumeration<String> names = request.getHeaderNames(); names != null && names.hasMoreElements(); ) {
      String name = names.nextElement();
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    return HttpSpans.startServer(
            Servlets.INSTRUMENTATION,
            request.getMethod(),
            null,
            request.getScheme(),
            request.getRequestURI(),
            request.getLocalAddr(),
            request.getLocalPort(),
            request.getRemoteAddr(),
            request.getHeader("User-Agent"),
            HeaderCarrier.of(headers));
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.Enter Object span,
      @Advice.Argument(0) ServletRequest request,
      @Advice.Argument(1) ServletResponse response,
      @Advice.Thrown Throwable thrown) {
    CallDepth.exit(Servlets.REQUEST_DEPTH);
    if (span != null && thrown == null && request.isAsyncStarted()) {
      try {
        request.getAsyncContext().addListener((AsyncListener) Proxy.newProxyInstance(
            AsyncListener.class.getClassLoader(), new Class<?>[] {AsyncListener.class}, new AsyncEnd(span, response)));
        HttpSpans.leaveServer(span);
        return;
      } catch (Throwable listenerRefused) {
        // the container took no listener: the span ends now, as for a synchronous request
      }
    }
    if (span != null) {
      int status = response instanceof HttpServletResponse ? ((HttpServletResponse) response).getStatus() : -1;
      // An exception escaping the servlet becomes the container's 500, which it sets only later.
      // A framework wraps the application's exception in a ServletException (Spring's "Request
      // processing failed"): the application's is the error.
      Throwable error = thrown;
      for (int depth = 0; depth < 4 && error instanceof ServletException && error.getCause() != null; depth++) {
        error = error.getCause();
      }
      HttpSpans.endServer(span, thrown != null && status < 400 ? -1 : status, error);
    }
  }
}
