package io.warren.instrumentation.jdkhttp;

import io.warren.bootstrap.CallDepth;
import io.warren.bootstrap.Tracing;
import io.warren.instrumentation.http.bootstrap.HttpSpans;
import io.warren.instrumentation.jdkhttp.bootstrap.AllHeaders;
import io.warren.instrumentation.jdkhttp.bootstrap.JdkHttp;
import io.warren.instrumentation.jdkhttp.bootstrap.SendAsyncEnd;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code HttpClient}'s {@code send} and {@code sendAsync}: the outermost call starts
 * a CLIENT span and sends a copy of the request that carries its context (the caller's request
 * is never changed). {@code send} ends the span when it returns; {@code sendAsync} when its
 * future completes (see {@link SendAsyncEnd}), without changing the future the caller gets.
 */
public final class ClientSendAdvice {

  private ClientSendAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.Argument(value = 0, readOnly = false) HttpRequest request) {
    if (!CallDepth.enter(JdkHttp.CLIENT_DEPTH)) {
      return null;
    }
    URI uri = request.uri();
    Map<String, Object> outgoing = new HashMap<String, Object>();
    Object span = Tracing.start(HttpSpans.client(JdkHttp.INSTRUMENTATION, request.method(),
        uri.toString(), uri.getScheme(), uri.getHost(), uri.getPort(), outgoing));
    if (span != null && !outgoing.isEmpty()) {
      HttpRequest.Builder copy = HttpRequest.newBuilder(request, AllHeaders.INSTANCE);
      for (Map.Entry<String, Object> header : outgoing.entrySet()) {
        copy.setHeader(header.getKey(), String.valueOf(header.getValue()));
      }
      request = copy.build(); // assigned last: if anything failed, the caller's request goes out
    }
    return span;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.Enter Object span,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown Throwable thrown) {
    CallDepth.exit(JdkHttp.CLIENT_DEPTH);
    if (span == null) {
      return;
    }
    if (thrown == null && returned instanceof CompletableFuture) {
      ((CompletableFuture<?>) returned).whenComplete(new SendAsyncEnd(span));
    } else {
      HttpSpans.endClient(
          span, returned instanceof HttpResponse ? ((HttpResponse<?>) returned).statusCode() : -1, thrown);
    }
  }
}
