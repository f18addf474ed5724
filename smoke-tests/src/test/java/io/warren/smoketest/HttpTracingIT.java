package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static io.warren.smoketest.HttpStory.hex;
import static io.warren.smoketest.Expect.only;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.smoketest.apps.Burst;
import io.warren.smoketest.HttpStory.Services;
import io.warren.smoketest.apps.Fulfilment;
import io.warren.smoketest.apps.Inventory;
import io.warren.smoketest.apps.OrderGateway;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.OtlpReceiver;
import io.warren.smoketest.harness.TraceTree;
import io.warren.smoketest.harness.ZipkinSpan;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trace starts where the customer's request starts: a request to an HTTP service (the JDK's
 * HttpServer) that publishes an order, a consumer that calls a third service over HTTP (with
 * HttpClient or HttpURLConnection), each a JVM with the agent, and a caller (this test) that sends
 * a trace context of its own, exactly as a gateway would.
 */
class HttpTracingIT extends SmokeTestBase {

  private static final String[] GATEWAY_PATHS = {"/orders/7", "/orders/missing", "/orders/fail", "/orders/throw"};

  @ParameterizedTest
  @ValueSource(strings = {"httpclient", "urlconnection", "apache"})
  void anIncomingTraceparentIsOneTraceFromTheGatewayThroughTheQueueToTheCalledService(String client) {
    String traceId = hex(32);
    String parentId = hex(16);

    Services services = startServices(client, Map.of());
    String response = RawHttp.get(services.gatewayPort, "/orders/42?customer=alice",
        HttpStory.traceparent(traceId, parentId));

    assertTrue(response.startsWith("HTTP/1.1 200"), response);
    assertTrue(response.endsWith("accepted 42\n"), response);
    services.awaitExit(APP_TIMEOUT);
    assertOneTrace(services, traceId, parentId);
  }

  @Test
  void b3HeadersAreContinuedTheSameWay() {
    String traceId = hex(32);
    String parentId = hex(16);

    Services services = startServices("httpclient", Map.of("otel.propagators", "b3multi"));
    String response = RawHttp.get(services.gatewayPort, "/orders/43",
        "X-B3-TraceId: " + traceId, "X-B3-SpanId: " + parentId, "X-B3-Sampled: 1");

    assertTrue(response.startsWith("HTTP/1.1 200"), response);
    services.awaitExit(APP_TIMEOUT);
    assertOneTrace(services, traceId, parentId);
  }

  @Test
  void theGatewaysAnswersAreMarkedAsTheConventionsSayAndAMalformedContextStartsANewTrace() {
    String queue = broker.freshQueue("http_orders");
    String gatewayService = "gateway-" + id;
    AgentJvm.Running gateway = withAgent(OrderGateway.class, gatewayService)
        .args("--queue=" + queue, "--requests=" + GATEWAY_PATHS.length).start();
    int port = port(gateway);

    String malformed = RawHttp.get(port, "/orders/7", "traceparent: 00-not-a-trace-context-01");
    RawHttp.get(port, "/orders/missing");
    RawHttp.get(port, "/orders/fail");
    String thrown = RawHttp.get(port, "/orders/throw");
    Expect.exitedNormally(gateway.awaitExit(APP_TIMEOUT));

    assertTrue(malformed.startsWith("HTTP/1.1 200"), malformed);
    assertEquals("", thrown, "the JDK's server closes the connection when its handler throws");
    List<ZipkinSpan> spans = zipkinClient().awaitSpans(gatewayService, 5);
    Map<String, ZipkinSpan> servers = new LinkedHashMap<>();
    spans.stream().filter(s -> "SERVER".equals(s.kind())).forEach(s -> servers.put(s.tag("url.path"), s));
    ZipkinSpan ok = servers.get("/orders/7");
    ZipkinSpan publish = only(spans, s -> "PRODUCER".equals(s.kind()), "publish");
    assertAll(TraceTree.render(spans),
        () -> assertEquals(5, spans.size()),
        () -> assertNull(ok.parentId(), "a malformed context: a new trace"),
        () -> childOf(ok, publish),
        () -> assertEquals("get", ok.name()),
        () -> assertEquals("200", ok.tag("http.response.status_code")),
        () -> assertNull(ok.tag("error")),
        () -> assertEquals("404", servers.get("/orders/missing").tag("http.response.status_code")),
        () -> assertNull(servers.get("/orders/missing").tag("error"), "a 4xx is the client's error"),
        () -> assertEquals("500", servers.get("/orders/fail").tag("http.response.status_code")),
        () -> assertEquals("500", servers.get("/orders/fail").tag("error.type")),
        () -> assertEquals(IllegalStateException.class.getName(), servers.get("/orders/throw").tag("error.type")));
  }

  @Test
  void callsAnsweredNotFoundAndRefusedConnectionsAreErrorsOfTheClientSpans() throws Exception {
    String queue = broker.freshQueue("http_calls");
    String inventoryService = "inventory-" + id;
    String fulfilmentService = "fulfilment-" + id;
    AgentJvm.Running inventory = withAgent(Inventory.class, inventoryService).args("--requests=1").start();
    AgentJvm.Running fulfilment = withAgent(Fulfilment.class, fulfilmentService)
        .args("--queue=" + queue, "--count=2", "--inventory=http://127.0.0.1:" + port(inventory),
            "--refused-port=" + freePort())
        .start();
    publish(queue, "order-missing", "order-refused");

    AgentJvm.Result consumed = Expect.exitedNormally(fulfilment.awaitExit(APP_TIMEOUT));
    Expect.exitedNormally(inventory.awaitExit(APP_TIMEOUT));

    assertTrue(consumed.stdout().contains("CALLED missing 404"), consumed.describe());
    assertTrue(consumed.stdout().contains("CALL-FAILED refused java.net.ConnectException"), consumed.describe());
    List<ZipkinSpan> spans = zipkinClient().awaitSpans(fulfilmentService, 4);
    ZipkinSpan notFound = only(spans, s -> "CLIENT".equals(s.kind()) && s.tag("url.full").endsWith("/stock/missing"), "404");
    ZipkinSpan refused = only(spans, s -> "CLIENT".equals(s.kind()) && s.tag("url.full").endsWith("/stock/refused"), "refused");
    assertAll(Expect.lines(spans),
        () -> assertEquals("404", notFound.tag("http.response.status_code")),
        () -> assertEquals("404", notFound.tag("error.type")),
        () -> assertEquals("java.net.ConnectException", refused.tag("error.type")),
        () -> assertNull(refused.tag("http.response.status_code")));
  }

  @Test
  void withTheModuleSwitchedOffThereAreNoHttpSpansAndTheMessagesAreTracedAsBefore() {
    Services services = startServices("httpclient", Map.of("warren.instrumentation.jdk-http.enabled", "false"));
    String response = RawHttp.get(services.gatewayPort, "/orders/44", "traceparent: 00-" + hex(32) + "-" + hex(16) + "-01");

    assertTrue(response.startsWith("HTTP/1.1 200"), response);
    services.awaitExit(APP_TIMEOUT);
    ZipkinSpan publish = only(zipkinClient().awaitSpans(services.gateway, 1), s -> true, "the publish");
    ZipkinSpan process = only(zipkinClient().awaitSpans(services.fulfilment, 1), s -> true, "the process");
    assertAll(
        () -> assertEquals("PRODUCER", publish.kind()),
        () -> assertNull(publish.parentId(), "no server span: the publish starts the trace"),
        () -> childOf(publish, process),
        () -> assertEquals(List.of(), zipkinClient().spansOf(services.inventory)));
  }

  @Test
  void withTheApacheClientModuleSwitchedOffItsCallsHaveNoSpanNorContextAndTheRestIsTracedAsBefore() {
    Services services = startServices("apache", Map.of("warren.instrumentation.apache-httpclient.enabled", "false"));
    String traceId = hex(32);
    String response = RawHttp.get(services.gatewayPort, "/orders/45", "traceparent: 00-" + traceId + "-" + hex(16) + "-01");

    assertTrue(response.startsWith("HTTP/1.1 200"), response);
    services.awaitExit(APP_TIMEOUT); // each JVM flushed its spans to Zipkin on its way out
    List<ZipkinSpan> trace = zipkinClient().awaitTrace(traceId, 3);
    ZipkinSpan called = only(zipkinClient().awaitSpans(services.inventory, 1), s -> true, "inventory server");
    assertAll(Expect.lines(trace),
        () -> assertEquals(List.of(), trace.stream().filter(s -> "CLIENT".equals(s.kind())).toList()),
        () -> assertEquals(3, trace.size(), "the gateway's server span, the publish and the process"),
        () -> assertEquals("SERVER", called.kind(), "the JDK server module still traces the called service"),
        () -> assertNull(called.parentId(), "no context went out with the call: a trace of its own"));
  }

  @Test
  void responsesAreByteForByteThoseOfTheServiceWithoutTheAgent() {
    String queue = broker.freshQueue("http_bytes");
    List<String> without = gatewayResponses(withoutAgent(OrderGateway.class), queue);
    List<String> with = gatewayResponses(withAgent(OrderGateway.class, "gateway-" + id), queue);

    assertEquals(without, with);
    assertTrue(with.get(0).contains("accepted 7"), with.get(0));
  }

  @Test
  void theExportersOwnRequestsAreNeverTraced() {
    try (OtlpReceiver otlp = OtlpReceiver.start()) {
      String queue = broker.freshQueue("http_burst");
      String service = "burst-" + id;
      Expect.exitedNormally(withAgent(Burst.class, service)
          .property("otel.traces.exporter", "zipkin,otlp")
          .property("otel.exporter.otlp.endpoint", otlp.endpoint())
          .args("--queue=" + queue, "--count=500").run(APP_TIMEOUT));

      List<ZipkinSpan> inZipkin = zipkinClient().awaitSpans(service, 1000);
      List<ZipkinSpan> inOtlp = otlp.awaitSpans(service, 1000, Duration.ofSeconds(30));
      assertEquals(1000, inZipkin.size());
      assertEquals(1000, inOtlp.size());
      assertEquals(List.of(), inZipkin.stream().filter(s -> !"PRODUCER".equals(s.kind()) && !"CONSUMER".equals(s.kind())).toList());
      assertEquals(List.of(), inOtlp.stream().filter(s -> "CLIENT".equals(s.kind())).toList());
    }
  }

  /** The three services of the story, started with the agent and {@code settings}. */
  private Services startServices(String client, Map<String, String> settings) {
    String queue = broker.freshQueue("http_story");
    Services services = new Services("gateway-" + id, "fulfilment-" + id, "inventory-" + id);
    services.gatewayJvm = HttpStory.configured(withAgent(OrderGateway.class, services.gateway), settings)
        .args("--queue=" + queue, "--requests=1").start();
    HttpStory.startDownstream(services, this::withAgent, queue, client, settings, APP_TIMEOUT);
    services.gatewayPort = port(services.gatewayJvm);
    return services;
  }

  /** The story's one trace; the JDK's server knows no route: its span is named {@code GET}. */
  private void assertOneTrace(Services services, String traceId, String parentId) {
    HttpStory.Trace trace = HttpStory.assertOneTrace(zipkinClient(), services, traceId, parentId);
    assertAll(trace.tree(),
        () -> assertEquals("get", trace.server().name()),
        () -> assertTrue(trace.server().tag("url.path").matches("/orders/4[23]"), trace.server().toString()));
  }

  private List<String> gatewayResponses(AgentJvm gateway, String queue) {
    AgentJvm.Running running = gateway.args("--queue=" + queue, "--requests=" + GATEWAY_PATHS.length).start();
    int port = port(running);
    List<String> responses = java.util.Arrays.stream(GATEWAY_PATHS)
        .map(path -> RawHttp.withoutDate(RawHttp.get(port, path))).toList();
    Expect.exitedNormally(running.awaitExit(APP_TIMEOUT));
    return responses;
  }

  private static int port(AgentJvm.Running app) {
    return HttpStory.port(app, APP_TIMEOUT);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void publish(String queue, String... messageIds) throws Exception {
    try (Connection connection = io.warren.smoketest.harness.Broker.connectionFactory().newConnection()) {
      Channel channel = connection.createChannel();
      for (String messageId : messageIds) {
        channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().messageId(messageId).build(),
            messageId.getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
