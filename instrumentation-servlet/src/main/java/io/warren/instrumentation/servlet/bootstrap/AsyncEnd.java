package io.warren.instrumentation.servlet.bootstrap;

import io.warren.bootstrap.AdviceErrors;
import io.warren.bootstrap.Tracing;
import io.warren.instrumentation.http.bootstrap.HttpSpans;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code AsyncListener} (a proxy of the container's interface: this package sees only the
 * JDK) that ends the SERVER span of an asynchronous request: with the response's status when the
 * request completes ({@code onComplete}), with the error the container reports ({@code onError}),
 * or, marked {@code error.type=timeout}, at the container's async timeout ({@code onTimeout}), for a
 * request that never completes. Only the first of these ends it.
 */
public final class AsyncEnd implements InvocationHandler {

  /** The error type of a request that did not complete before the container's async timeout. */
  public static final String TIMEOUT = "timeout";

  private final Object span;
  private final Object response;
  private final AtomicBoolean ended = new AtomicBoolean();

  /** @param response the request's {@code HttpServletResponse}, whose status ends the span */
  public AsyncEnd(Object span, Object response) {
    this.span = span;
    this.response = response;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) {
    String name = method.getName();
    if (method.getDeclaringClass() == Object.class) {
      if (name.equals("equals")) {
        return proxy == args[0];
      }
      return name.equals("hashCode") ? (Object) System.identityHashCode(proxy) : "warren AsyncEnd";
    }
    try {
      if (name.equals("onComplete") && ended.compareAndSet(false, true)) {
        HttpSpans.endServer(span, status(), null);
      } else if (name.equals("onError") && ended.compareAndSet(false, true)) {
        HttpSpans.endServer(span, status(), thrown(args[0]));
      } else if (name.equals("onTimeout") && ended.compareAndSet(false, true)) {
        Tracing.fail(span, TIMEOUT, "the request did not complete before the container's async timeout");
        HttpSpans.endServer(span, -1, null);
      }
    } catch (Throwable t) {
      AdviceErrors.report(t); // never the container's problem
    }
    return null;
  }

  /** The response's status, read through the container's {@code HttpServletResponse}; -1 if none. */
  private int status() {
    try {
      Class<?> type = Class.forName(
          "jakarta.servlet.http.HttpServletResponse", false, response.getClass().getClassLoader());
      return type.isInstance(response) ? (Integer) type.getMethod("getStatus").invoke(response) : -1;
    } catch (Exception e) {
      return -1;
    }
  }

  /** The error an {@code AsyncEvent} carries. */
  private static Throwable thrown(Object event) {
    try {
      return (Throwable) event.getClass().getMethod("getThrowable").invoke(event);
    } catch (Exception e) {
      return null;
    }
  }
}
