package io.warren.instrumentation.springwebmvc;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.warren.agent.api.ModuleInstaller;
import io.warren.agent.otel.OtelTracingBackend;
import io.warren.bootstrap.Tracing;
import io.warren.instrumentation.servlet.ServletInstrumentationModule;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/** Spring MVC 6.2's DispatcherServlet on an embedded Tomcat 10.1, with the servlet module. */
class RouteTest {

  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static Tomcat tomcat;
  private static int port;

  @RestController
  static class Orders {
    @GetMapping("/orders/{id}")
    String order(@PathVariable("id") String id) {
      return "order " + id;
    }
  }

  @Configuration
  @EnableWebMvc
  static class Web {
    @Bean
    Orders orders() {
      return new Orders();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    ModuleInstaller.install(ByteBuddyAgent.install(),
        List.of(new ServletInstrumentationModule(), new SpringWebMvcInstrumentationModule()));
    SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build();
    Tracing.install(new OtelTracingBackend(OpenTelemetrySdk.builder().setTracerProvider(provider).build()));
    tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
    tomcat.setPort(0);
    Context context = tomcat.addContext("", null);
    AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
    spring.register(Web.class);
    Tomcat.addServlet(context, "dispatcher", new DispatcherServlet(spring)).setLoadOnStartup(1);
    context.addServletMappingDecoded("/", "dispatcher");
    tomcat.getConnector();
    tomcat.start();
    port = tomcat.getConnector().getLocalPort();
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
  void theMatchedPatternNamesTheServerSpanAndIsItsRouteNeverThePath() throws Exception {
    String response = get("/orders/42");

    assertTrue(response.startsWith("HTTP/1.1 200") && response.endsWith("order 42"), response);
    SpanData span = serverSpan();
    assertEquals("GET /orders/{id}", span.getName());
    assertEquals("/orders/{id}", span.getAttributes().get(stringKey("http.route")));
    assertEquals("/orders/42", span.getAttributes().get(stringKey("url.path")));
  }

  @Test
  void withoutAMatchingHandlerTheSpanKeepsItsMethodAsItsName() throws Exception {
    assertTrue(get("/nothing/here").startsWith("HTTP/1.1 404"));

    SpanData span = serverSpan();
    assertEquals("GET", span.getName());
    assertNull(span.getAttributes().get(stringKey("http.route")));
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

  private static String get(String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
