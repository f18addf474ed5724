package io.warren.instrumentation.jdkhttp.bootstrap;

import io.warren.instrumentation.http.bootstrap.HttpSpans;
import java.lang.reflect.Method;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;

/**
 * Ends the CLIENT span of an {@code HttpClient.sendAsync} when its future completes: with the
 * response's status, or with the failure (a refused connection, a timeout, a cancel). Until then
 * only the future holds the span: one that never completes, dropped by the application, takes
 * the span with it, unexported, and nothing of it stays in the agent.
 *
 * <p>This class is in the boot loader, which cannot see {@code java.net.http}: the status is read
 * through {@code HttpResponse.statusCode()}, looked up once from the platform loader.
 */
public final class SendAsyncEnd implements BiConsumer<Object, Throwable> {

  private static volatile Method statusCode;

  private final Object span;

  public SendAsyncEnd(Object span) {
    this.span = span;
  }

  @Override
  public void accept(Object response, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
    HttpSpans.endClient(span, response == null ? -1 : of(response), cause);
  }

  /** The status of a {@code java.net.http.HttpResponse}; -1 if it cannot be read. */
  static int of(Object response) {
    try {
      Method method = statusCode;
      if (method == null) {
        method = Class.forName("java.net.http.HttpResponse", false, ClassLoader.getPlatformClassLoader())
            .getMethod("statusCode");
        statusCode = method;
      }
      return (Integer) method.invoke(response);
    } catch (Exception | LinkageError e) {
      return -1;
    }
  }
}
