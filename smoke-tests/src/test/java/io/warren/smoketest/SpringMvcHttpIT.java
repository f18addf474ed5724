package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static io.warren.smoketest.Expect.only;
import static io.warren.smoketest.HttpStory.hex;
import static io.warren.smoketest.HttpStory.traceparent;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.HttpStory.Services;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The order story with a Spring MVC service as the gateway: the Spring Boot sample app's web role
 * ({@code smoke-tests/spring-app-src}, {@code Web}) as a real fat jar, on each Spring Boot version
 * and each of its containers, with the packaged agent; Fulfilment and Inventory as in {@link
 * HttpTracingIT}.
 */
class SpringMvcHttpIT extends SmokeTestBase {

  /** Delay of the web role's asynchronous answer ({@code /async/{id}}). */
  private static final long ASYNC_DELAY_MS = 300;
  /** The requests whose answers are compared with the service's without the agent. */
  private static final String[] PATHS = {"/orders/7", "/orders/missing", "/orders/fail", "/orders/throw", "/async/8"};

  /** A Spring Boot version's fat jar on one of the containers it supports. */
  enum Variant {
    BOOT3_TOMCAT("3", "tomcat", "Tomcat"),
    BOOT3_JETTY("3", "jetty", "Jetty"),
    BOOT4_TOMCAT("4", "tomcat", "Tomcat"),
    BOOT4_JETTY("4", "jetty", "Jetty");

    final String boot;
    final String container;
    /** How the class of Boot's {@code WebServer} that serves begins: the container really in use. */
    final String webServer;

    Variant(String boot, String container, String webServer) {
      this.boot = boot;
      this.container = container;
      this.webServer = webServer;
    }

    String tag() {
      return "boot" + boot + "-" + container;
    }
  }

  private final List<AgentJvm.Running> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    started.stream().filter(AgentJvm.Running::isAlive).forEach(AgentJvm.Running::kill);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void anIncomingTraceparentIsOneTraceFromTheSpringServiceThroughTheQueueToTheCalledService(Variant variant) {
    String traceId = hex(32);
    String parentId = hex(16);

    Services services = startServices(variant, Map.of());
    String response = RawHttp.get(services.gatewayPort, "/orders/42?customer=alice", traceparent(traceId, parentId));

    assertTrue(response.startsWith("HTTP/1.1 200"), response);
    assertTrue(response.endsWith("accepted 42\n"), response);
    services.awaitExit(APP_TIMEOUT);
    assertRouted(HttpStory.assertOneTrace(zipkinClient(), services, traceId, parentId), "/orders/42");
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void b3HeadersAreContinuedTheSameWay(Variant variant) {
    String traceId = hex(32);
    String parentId = hex(16);

    Services services = startServices(variant, Map.of("otel.propagators", "b3multi"));
    String response = RawHttp.get(services.gatewayPort, "/orders/43",
        "X-B3-TraceId: " + traceId, "X-B3-SpanId: " + parentId, "X-B3-Sampled: 1");

    assertTrue(response.startsWith("HTTP/1.1 200"), response);
    services.awaitExit(APP_TIMEOUT);
    assertRouted(HttpStory.assertOneTrace(zipkinClient(), services, traceId, parentId), "/orders/43");
  }

  /**
   * The same requests to the service with the agent and without it: the same answers; and with
   * it, each marked as the HTTP conventions say, a malformed context a new trace, an asynchronous
   * answer's span ended with its response, and 100 orders one span name.
   */
  @ParameterizedTest
  @EnumSource(Variant.class)
  void answersAreThoseWithoutTheAgentMarkedAsTheConventionsSayAndNamedByTheirRoute(Variant variant) {
    String queue = broker.freshQueue("mvc_orders");
    String service = "mvc-gateway-" + variant.tag() + "-" + id;
    List<String> ids = IntStream.range(0, 100).mapToObj(n -> "id" + n).toList();
    AgentJvm.Running without = launch(gateway(variant, null, queue, PATHS.length));
    AgentJvm.Running with = launch(gateway(variant, service, queue, PATHS.length + ids.size()));
    int withoutPort = port(without, variant);
    int port = port(with, variant);

    List<String> expected = answers(withoutPort, List.of(PATHS));
    List<String> answered = answers(port, List.of(PATHS));
    ids.forEach(orderId -> RawHttp.get(port, "/orders/" + orderId));
    Expect.exitedNormally(without.awaitExit(APP_TIMEOUT));
    Expect.exitedNormally(with.awaitExit(APP_TIMEOUT));

    assertEquals(expected, answered);
    assertTrue(answered.get(0).startsWith("HTTP/1.1 200") && answered.get(0).endsWith("accepted 7"), answered.get(0));
    assertTrue(answered.get(3).startsWith("HTTP/1.1 500"), answered.get(3));
    int servers = PATHS.length + ids.size();
    int publishes = 1 + ids.size();
    List<ZipkinSpan> spans = zipkinClient().awaitSpans(service, servers + publishes);
    Map<String, ZipkinSpan> byPath = new LinkedHashMap<>();
    spans.stream().filter(s -> "SERVER".equals(s.kind())).forEach(s -> byPath.put(s.tag("url.path"), s));
    ZipkinSpan ok = byPath.get("/orders/7");
    ZipkinSpan missing = byPath.get("/orders/missing");
    ZipkinSpan fail = byPath.get("/orders/fail");
    ZipkinSpan thrown = byPath.get("/orders/throw");
    ZipkinSpan later = byPath.get("/async/8");
    ZipkinSpan publish = only(spans, s -> "order-7".equals(s.tag("messaging.message.id")), "publish of order 7");
    Set<String> orderNames = spans.stream().filter(s -> "SERVER".equals(s.kind()) && s.tag("url.path").startsWith("/orders/"))
        .map(ZipkinSpan::name).collect(Collectors.toCollection(TreeSet::new));
    assertAll(Expect.lines(spans.stream().filter(s -> "SERVER".equals(s.kind())).limit(10).toList()),
        () -> assertEquals(servers + publishes, spans.size(), "one server span per request (none for the error page)"),
        () -> assertEquals(Set.of("get /orders/{id}"), orderNames),
        () -> assertNull(ok.parentId(), "a malformed context: a new trace"),
        () -> childOf(ok, publish),
        () -> assertEquals("/orders/{id}", ok.tag("http.route")),
        () -> assertEquals("200", ok.tag("http.response.status_code")),
        () -> assertNull(ok.tag("error")),
        () -> assertEquals("404", missing.tag("http.response.status_code")),
        () -> assertNull(missing.tag("error"), "a 4xx is the client's error"),
        () -> assertEquals("500", fail.tag("http.response.status_code")),
        () -> assertEquals("500", fail.tag("error.type")),
        () -> assertEquals(IllegalStateException.class.getName(), thrown.tag("error.type")),
        () -> assertEquals("get /async/{id}", later.name()),
        () -> assertEquals("200", later.tag("http.response.status_code")),
        () -> assertNull(later.tag("error")),
        () -> assertTrue(later.duration() >= ASYNC_DELAY_MS * 1000,
            () -> "the asynchronous request's span lasts until its answer: " + later));
  }

  /**
   * The servlet module off: no server span, the publish traced as before (a trace of its own);
   * the Spring MVC module off: the server span is named by its method alone, without a route.
   */
  @ParameterizedTest
  @EnumSource(Variant.class)
  void eachHttpModuleSwitchedOffLeavesTheRestAsBefore(Variant variant) {
    String queue = broker.freshQueue("mvc_switches");
    String noServlet = "mvc-no-servlet-" + variant.tag() + "-" + id;
    String noRoute = "mvc-no-route-" + variant.tag() + "-" + id;
    String traceId = hex(32);
    String parentId = hex(16);
    AgentJvm.Running servletOff = launch(gateway(variant, noServlet, queue, 1)
        .property("warren.instrumentation.servlet.enabled", "false"));
    AgentJvm.Running routeOff = launch(gateway(variant, noRoute, queue, 1)
        .property("warren.instrumentation.spring-webmvc.enabled", "false"));

    String servletOffAnswer = RawHttp.get(port(servletOff, variant), "/orders/44", traceparent(hex(32), hex(16)));
    String routeOffAnswer = RawHttp.get(port(routeOff, variant), "/orders/45", traceparent(traceId, parentId));
    Expect.exitedNormally(servletOff.awaitExit(APP_TIMEOUT));
    Expect.exitedNormally(routeOff.awaitExit(APP_TIMEOUT));

    assertTrue(servletOffAnswer.startsWith("HTTP/1.1 200"), servletOffAnswer);
    assertTrue(routeOffAnswer.startsWith("HTTP/1.1 200"), routeOffAnswer);
    ZipkinSpan publish = only(zipkinClient().awaitSpans(noServlet, 1), s -> true, "the publish alone");
    List<ZipkinSpan> routeOffTrace = zipkinClient().awaitTrace(traceId, 2);
    ZipkinSpan server = only(routeOffTrace, s -> "SERVER".equals(s.kind()), "server span");
    ZipkinSpan routedPublish = only(routeOffTrace, s -> "PRODUCER".equals(s.kind()), "publish");
    assertAll(Expect.lines(routeOffTrace),
        () -> assertEquals("PRODUCER", publish.kind()),
        () -> assertNull(publish.parentId(), "no server span: the publish starts the trace"),
        () -> assertEquals(2, routeOffTrace.size()),
        () -> assertEquals(parentId, server.parentId()),
        () -> assertEquals("get", server.name()),
        () -> assertNull(server.tag("http.route")),
        () -> childOf(server, routedPublish));
  }

  /** The gateway (the web role on {@code variant}) and the story's two other services. */
  private Services startServices(Variant variant, Map<String, String> settings) {
    String queue = broker.freshQueue("mvc_story");
    String suffix = variant.tag() + "-" + id;
    Services services = new Services("mvc-gateway-" + suffix, "fulfilment-" + suffix, "inventory-" + suffix);
    services.gatewayJvm = launch(HttpStory.configured(gateway(variant, services.gateway, queue, 1), settings));
    HttpStory.startDownstream(services, this::withAgent, queue, "httpclient", settings, APP_TIMEOUT);
    started.add(services.fulfilmentJvm);
    started.add(services.inventoryJvm);
    services.gatewayPort = port(services.gatewayJvm, variant);
    return services;
  }

  /**
   * The web role on {@code variant}: answers {@code requests} requests, publishing to {@code
   * queue}; with the agent reporting as {@code service}, or without the agent if that is null.
   */
  private AgentJvm gateway(Variant variant, String service, String queue, int requests) {
    AgentJvm jvm = AgentJvm.jar(SpringBootAppTestBase.bootJar(variant.boot))
        .name(service == null ? "mvc-gateway-without-agent-" + variant.tag() : service)
        .logDir(logDir)
        .args("--app.role=web", "--app.container=" + variant.container, "--app.out=" + queue,
            "--app.count=" + requests, "--app.sleep-ms=" + ASYNC_DELAY_MS, "--app.timeout-ms=90000");
    if (service != null) {
      jvm.agent(SmokeEnv.agentJar())
          .serviceName(service)
          .zipkinEndpoint(zipkin().spansEndpoint())
          .property("otel.bsp.schedule.delay", "200");
      if (Boolean.getBoolean("smoke.warren.debug")) {
        jvm.property("warren.debug", "true");
      }
    }
    return jvm;
  }

  private AgentJvm.Running launch(AgentJvm jvm) {
    AgentJvm.Running running = jvm.start();
    started.add(running);
    return running;
  }

  /** The port the web role listens on, once it printed that {@code variant}'s container serves. */
  private static int port(AgentJvm.Running gateway, Variant variant) {
    String listening = gateway.awaitLine("LISTENING ", APP_TIMEOUT);
    assertTrue(listening.trim().split(" ")[2].startsWith(variant.webServer), listening);
    return HttpStory.port(gateway, APP_TIMEOUT);
  }

  /**
   * The answers to {@code paths}, each sent with a malformed context, without what differs from run to run: the {@code Date} header
   * and the time in Spring Boot's error body.
   */
  private static List<String> answers(int port, List<String> paths) {
    return paths.stream()
        .map(path -> RawHttp.get(port, path, "traceparent: 00-not-a-trace-context-01"))
        .map(RawHttp::withoutDate)
        .map(answer -> answer.replaceAll("\"timestamp\":\"[^\"]*\"", "\"timestamp\":\"T\""))
        .toList();
  }

  /** The gateway's server span is named by the route Spring MVC matched. */
  private static void assertRouted(HttpStory.Trace trace, String path) {
    assertAll(trace.tree(),
        () -> assertEquals("get /orders/{id}", trace.server().name()),
        () -> assertEquals("/orders/{id}", trace.server().tag("http.route")),
        () -> assertEquals(path, trace.server().tag("url.path")),
        () -> assertEquals("GET", trace.server().tag("http.request.method")));
  }
}
