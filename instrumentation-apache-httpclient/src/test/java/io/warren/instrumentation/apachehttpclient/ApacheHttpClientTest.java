package io.warren.instrumentation.apachehttpclient;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.warren.agent.api.ModuleInstaller;
import io.warren.agent.otel.OtelTracingBackend;
import io.warren.bootstrap.Tracing;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * The module installed in this JVM as premain installs it, the bridge on a real OpenTelemetry SDK
 * (W3C propagation); requests go to an uninstrumented JDK HttpServer that notes the {@code
 * traceparent} each request brought: {@code /status/N} answers N.
 */
class ApacheHttpClientTest {

  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static OpenTelemetrySdk sdk;

  private final Map<String, String> traceparents = new ConcurrentHashMap<>();
  private HttpServer server;
  private CloseableHttpClient client;

  @BeforeAll
  static void agent() {
    ModuleInstaller.install(ByteBuddyAgent.install(), List.of(new ApacheHttpClientInstrumentationModule()));
    sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    Tracing.install(new OtelTracingBackend(sdk));
  }

  @BeforeEach
  void start() throws Exception {
    SPANS.reset();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/status/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      traceparents.put(path, String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
      int status = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
      byte[] body = ("status " + status).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    client = HttpClients.createDefault();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.stop(0);
  }

  @Test
  void aRequestIsAClientSpanWhoseContextTheServerReceivesAndTheCallersRequestIsUnchanged() throws Exception {
    HttpGet request = new HttpGet(url("/status/200?user=alice"));
    String body = client.execute(request, response -> EntityUtils.toString(response.getEntity()));

    assertEquals("status 200", body);
    SpanData span = clientSpan();
    assertEquals("GET", span.getName());
    assertEquals(url("/status/200"), span.getAttributes().get(stringKey("url.full")));
    assertEquals("127.0.0.1", span.getAttributes().get(stringKey("server.address")));
    assertEquals((long) server.getAddress().getPort(), span.getAttributes().get(longKey("server.port")));
    assertEquals(200L, span.getAttributes().get(longKey("http.response.status_code")));
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
    assertReceivedContextOf(span, "/status/200");
    assertArrayEquals(new Header[0], request.getHeaders("traceparent"),
        "the caller's request is never changed");
  }

  @Test
  void aNotFoundIsAnErrorOfTheClientSpan() throws Exception {
    int status = client.execute(new HttpGet(url("/status/404")), response -> response.getCode());

    assertEquals(404, status);
    SpanData span = clientSpan();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("404", span.getAttributes().get(stringKey("error.type")));
    assertEquals(404L, span.getAttributes().get(longKey("http.response.status_code")));
  }

  @Test
  void aRefusedConnectionIsAnError() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    HttpGet request = new HttpGet("http://127.0.0.1:" + port + "/x");

    assertThrows(HttpHostConnectException.class, () -> client.execute(request, response -> null));

    SpanData span = clientSpan();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals(HttpHostConnectException.class.getName(), span.getAttributes().get(stringKey("error.type")));
    assertNull(span.getAttributes().get(longKey("http.response.status_code")));
  }

  @Test
  void restTemplateOnHttpComponentsIsTracedThroughTheClientAsAChildOfTheCurrentSpan() {
    RestTemplate restTemplate = new RestTemplate(new HttpComponentsClientHttpRequestFactory(client));

    Span parent = sdk.getTracer("test").spanBuilder("parent").startSpan();
    String body;
    try (Scope ignored = parent.makeCurrent()) {
      body = restTemplate.getForObject(url("/status/200"), String.class);
    } finally {
      parent.end();
    }

    assertEquals("status 200", body);
    SpanData span = clientSpan();
    assertEquals(parent.getSpanContext().getSpanId(), span.getParentSpanId());
    assertReceivedContextOf(span, "/status/200");
  }

  @Test
  void restClientOnHttpComponentsIsTracedThroughTheClientAndA404IsAnError() {
    RestClient restClient =
        RestClient.builder().requestFactory(new HttpComponentsClientHttpRequestFactory(client)).build();

    assertEquals("status 201", restClient.get().uri(url("/status/201")).retrieve().body(String.class));
    assertThrows(HttpClientErrorException.NotFound.class,
        () -> restClient.get().uri(url("/status/404")).retrieve().toBodilessEntity());

    List<SpanData> spans = clientSpans(2);
    assertEquals(201L, spans.get(0).getAttributes().get(longKey("http.response.status_code")));
    assertEquals(StatusCode.UNSET, spans.get(0).getStatus().getStatusCode());
    assertEquals(StatusCode.ERROR, spans.get(1).getStatus().getStatusCode());
    assertReceivedContextOf(spans.get(1), "/status/404");
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The request to that path came with the span's context: its trace id and, as parent, its id. */
  private void assertReceivedContextOf(SpanData span, String path) {
    String traceparent = traceparents.get(path);
    assertTrue(traceparent.startsWith("00-" + span.getTraceId() + "-" + span.getSpanId() + "-"),
        () -> "the server received traceparent " + traceparent + ", not the context of " + span);
  }

  /** The one CLIENT span ended. */
  private static SpanData clientSpan() {
    return clientSpans(1).get(0);
  }

  /** The CLIENT spans ended, in order: the request is synchronous, each has ended by the time it returns. */
  private static List<SpanData> clientSpans(int expected) {
    List<SpanData> spans = SPANS.getFinishedSpanItems().stream()
        .filter(span -> span.getKind() == SpanKind.CLIENT).toList();
    assertEquals(expected, spans.size(), () -> "client spans: " + spans);
    return spans;
  }
}
