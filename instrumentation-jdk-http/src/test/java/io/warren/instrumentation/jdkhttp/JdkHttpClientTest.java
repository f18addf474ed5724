package io.warren.instrumentation.jdkhttp;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.warren.bootstrap.AgentThreads;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class JdkHttpClientTest extends AgentTestBase {

  private final HttpClient client = HttpClient.newHttpClient();
  @Test
  void sendMakesAClientSpanWhoseChildIsTheCalledServersSpanAndTheCallersRequestIsUntouched() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/status/200?token=s3cret")))
        .header("X-Caller", "kept").build();

    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

    assertEquals("status 200", response.body());
    assertEquals(List.of("kept"), request.headers().allValues("X-Caller"));
    assertFalse(request.headers().firstValue("traceparent").isPresent(), "the caller's request is never changed");
    SpanData clientSpan = span(SpanKind.CLIENT);
    SpanData serverSpan = span(SpanKind.SERVER);
    assertEquals("GET", clientSpan.getName());
    assertEquals(clientSpan.getTraceId(), serverSpan.getTraceId());
    assertEquals(clientSpan.getSpanId(), serverSpan.getParentSpanId());
    assertEquals(server.url("/status/200"), clientSpan.getAttributes().get(stringKey("url.full")));
    assertEquals("127.0.0.1", clientSpan.getAttributes().get(stringKey("server.address")));
    assertEquals((long) server.port(), clientSpan.getAttributes().get(longKey("server.port")));
    assertEquals(200L, clientSpan.getAttributes().get(longKey("http.response.status_code")));
    assertEquals(StatusCode.UNSET, clientSpan.getStatus().getStatusCode());
  }

  @Test
  void sendAsyncEndsTheSpanWhenTheResponseArrivesAndHandsBackTheClientsOwnFuture() throws Exception {
    CompletableFuture<HttpResponse<String>> future = client.sendAsync(
        HttpRequest.newBuilder(URI.create(server.url("/status/201"))).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertEquals(201, future.get().statusCode());
    SpanData clientSpan = span(SpanKind.CLIENT);
    assertEquals("POST", clientSpan.getName());
    assertEquals(201L, clientSpan.getAttributes().get(longKey("http.response.status_code")));
    assertEquals(clientSpan.getSpanId(), span(SpanKind.SERVER).getParentSpanId());
  }

  @Test
  void aClientErrorStatusIsAnErrorOfTheClientSpanOnly() throws Exception {
    assertEquals(404, client.send(HttpRequest.newBuilder(URI.create(server.url("/status/404"))).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode());

    SpanData clientSpan = span(SpanKind.CLIENT);
    assertEquals(StatusCode.ERROR, clientSpan.getStatus().getStatusCode());
    assertEquals("404", clientSpan.getAttributes().get(stringKey("error.type")));
    assertEquals(StatusCode.UNSET, span(SpanKind.SERVER).getStatus().getStatusCode());
  }

  @Test
  void aRefusedConnectionIsAnErrorForSendAndSendAsync() throws Exception {
    URI nobody = URI.create("http://127.0.0.1:" + freePort() + "/x");

    assertThrows(ConnectException.class,
        () -> client.send(HttpRequest.newBuilder(nobody).build(), HttpResponse.BodyHandlers.ofString()));
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> client.sendAsync(HttpRequest.newBuilder(nobody).build(), HttpResponse.BodyHandlers.ofString()).get());

    List<SpanData> spans = AgentInThisJvm.awaitSpans(2, s -> s.getKind() == SpanKind.CLIENT);
    for (SpanData span : spans) {
      assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
      assertEquals(ConnectException.class.getName(), span.getAttributes().get(stringKey("error.type")));
      assertNull(span.getAttributes().get(longKey("http.response.status_code")));
    }
    assertSame(ConnectException.class, failed.getCause().getClass());
  }

  @Test
  void onTheAgentsOwnThreadsNoSpanIsMadeAndNoContextIsSent() throws Exception {
    boolean before = AgentThreads.enter();
    try {
      client.send(HttpRequest.newBuilder(URI.create(server.url("/status/200"))).build(),
          HttpResponse.BodyHandlers.ofString());
    } finally {
      AgentThreads.exit(before);
    }

    SpanData serverSpan = span(SpanKind.SERVER);
    assertFalse(serverSpan.getParentSpanContext().isValid(), "no context reached the server");
    assertEquals(List.of(serverSpan), AgentInThisJvm.SPANS.getFinishedSpanItems());
  }

  static SpanData span(SpanKind kind) throws InterruptedException {
    List<SpanData> spans = AgentInThisJvm.awaitSpans(1, s -> s.getKind() == kind);
    assertEquals(1, spans.size(), spans.toString());
    return spans.get(0);
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
