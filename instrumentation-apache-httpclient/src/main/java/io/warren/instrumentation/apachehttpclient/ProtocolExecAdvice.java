package io.warren.instrumentation.apachehttpclient;

import io.warren.bootstrap.CallDepth;
import io.warren.bootstrap.Tracing;
import io.warren.instrumentation.apachehttpclient.bootstrap.ApacheHttpClient;
import io.warren.instrumentation.http.bootstrap.HttpSpans;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;

/**
 * Inlined into {@code ProtocolExec.execute}, the step of the classic client's execution chain
 * that sends one request to its target (connecting included): a CLIENT span around it, its
 * context in the request's headers. The request here is the client's own copy ({@code
 * InternalHttpClient} copies the caller's before the chain; a redirect or retry is a new one),
 * so the caller's request is never changed. Each redirect or retry is a span of its own.
 */
public final class ProtocolExecAdvice {

  private ProtocolExecAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(
      @Advice.Argument(0) ClassicHttpRequest request, @Advice.Argument(1) ExecChain.Scope scope) {
    if (!CallDepth.enter(ApacheHttpClient.EXCHANGE_DEPTH)) {
      return null;
    }
    HttpHost target = scope.route.getTargetHost();
    String path = request.getRequestUri();
    String url = target.toURI() + (path.startsWith("/") ? path : "/" + path);
    Map<String, Object> outgoing = new HashMap<String, Object>();
    Object span = Tracing.start(HttpSpans.client(ApacheHttpClient.INSTRUMENTATION, request.getMethod(),
        url, target.getSchemeName(), target.getHostName(), target.getPort(), outgoing));
    for (Map.Entry<String, Object> header : outgoing.entrySet()) {
      request.setHeader(header.getKey(), String.valueOf(header.getValue()));
    }
    return span;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.Enter Object span,
      @Advice.Return ClassicHttpResponse response,
      @Advice.Thrown Throwable thrown) {
    CallDepth.exit(ApacheHttpClient.EXCHANGE_DEPTH);
    HttpSpans.endClient(span, response == null ? -1 : response.getCode(), thrown);
  }
}
