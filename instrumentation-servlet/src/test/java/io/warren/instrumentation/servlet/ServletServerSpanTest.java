package io.warren.instrumentation.servlet;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.warren.agent.api.ModuleInstaller;
import io.warren.agent.otel.OtelTracingBackend;
import io.warren.bootstrap.Tracing;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An embedded Tomcat 10.1 with a filter in front of a servlet, the module installed in this JVM
 * before Tomcat's classes load, the bridge on a real SDK with W3C propagation.
 */
class ServletServerSpanTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";
  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static final Map<String, String> CURRENT_IN_SERVLET = new ConcurrentHashMap<>();
  private static Tomcat tomcat;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    ModuleInstaller.install(ByteBuddyAgent.install(), List.of(new ServletInstrumentationModule()));
    SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build();
    Tracing.install(new OtelTracingBackend(OpenTelemetrySdk.builder().setTracerProvider(provider)
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build()));
    tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
    tomcat.setPort(0);
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "orders", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CURRENT_IN_SERVLET.put(request.getRequestURI(), Span.current().getSpanContext().getSpanId());
        String id = request.getRequestURI().substring(request.getRequestURI().lastIndexOf('/') + 1);
        switch (id) {
          case "throw" -> throw new IllegalStateException("the servlet failed");
          case "missing" -> response.sendError(404);
          case "fail" -> response.setStatus(503);
          default -> response.getWriter().print("order " + id);
        }
      }
    });
    context.addServletMappingDecoded("/orders/*", "orders");
    FilterDef filter = new FilterDef();
    filter.setFilterName("passing");
    filter.setFilter(new PassingFilter());
    context.addFilterDef(filter);
    FilterMap mapping = new FilterMap();
    mapping.setFilterName("passing");
    mapping.addURLPattern("/*");
    context.addFilterMap(mapping);
    tomcat.getConnector();
    tomcat.start();
    port = tomcat.getConnector().getLocalPort();
  }

  /** A filter class of the application's (a lambda's hidden class is never instrumented). */
  static final class PassingFilter implements Filter {
    @Override
    public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response,
        jakarta.servlet.FilterChain chain) throws IOException, jakarta.servlet.ServletException {
      chain.doFilter(request, response);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }

  @BeforeEach
  void reset() {
    SPANS.reset();
  }

  @Test
  void aRequestThroughAFilterIsOneServerSpanContinuingTheCallersTraceCurrentInTheServlet() throws Exception {
    String response = get("/orders/7?customer=alice", "traceparent: 00-" + TRACE_ID + "-" + PARENT_ID + "-01",
        "User-Agent: test/1");

    assertTrue(response.startsWith("HTTP/1.1 200"), response);
    SpanData span = serverSpan();
    assertEquals("GET", span.getName());
    assertEquals(TRACE_ID, span.getTraceId());
    assertEquals(PARENT_ID, span.getParentSpanId(), "no span of the filter around it");
    assertEquals(span.getSpanId(), CURRENT_IN_SERVLET.get("/orders/7"));
    assertEquals("/orders/7", span.getAttributes().get(stringKey("url.path")));
    assertEquals("http", span.getAttributes().get(stringKey("url.scheme")));
    assertEquals((long) port, span.getAttributes().get(longKey("server.port")));
    assertEquals("test/1", span.getAttributes().get(stringKey("user_agent.original")));
    assertEquals(200L, span.getAttributes().get(longKey("http.response.status_code")));
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
  }

  @Test
  void aMalformedContextStartsANewTrace() throws Exception {
    assertTrue(get("/orders/8", "traceparent: 00-broken-01").startsWith("HTTP/1.1 200"));
    assertFalse(serverSpan().getParentSpanContext().isValid());
  }

  @Test
  void aNotFoundIsNotAnErrorAServerErrorAndAnEscapingExceptionAre() throws Exception {
    get("/orders/missing");
    SpanData missing = serverSpan();
    assertEquals(404L, missing.getAttributes().get(longKey("http.response.status_code")));
    assertEquals(StatusCode.UNSET, missing.getStatus().getStatusCode());

    SPANS.reset();
    get("/orders/fail");
    assertEquals("503", serverSpan().getAttributes().get(stringKey("error.type")));

    SPANS.reset();
    assertTrue(get("/orders/throw").startsWith("HTTP/1.1 500"));
    SpanData thrown = serverSpan();
    assertEquals(StatusCode.ERROR, thrown.getStatus().getStatusCode());
    assertEquals(IllegalStateException.class.getName(), thrown.getAttributes().get(stringKey("error.type")));
  }

  private static SpanData serverSpan() throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<SpanData> spans;
    do {
      spans = SPANS.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.SERVER)
          .collect(Collectors.toList());
      if (!spans.isEmpty()) {
        break;
      }
      Thread.sleep(10);
    } while (System.nanoTime() < deadline);
    assertEquals(1, spans.size(), spans.toString());
    return spans.get(0);
  }

  private static String get(String path, String... headerLines) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      for (String header : headerLines) {
        request.append(header).append("\r\n");
      }
      request.append("Connection: close\r\n\r\n");
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
