package io.warren.instrumentation.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.ModuleInstaller;
import io.warren.agent.otel.OtelTracingBackend;
import io.warren.bootstrap.Tracing;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * The modules installed in this JVM before Tomcat's classes load, the bridge on a real SDK (W3C
 * propagation) whose spans are kept in memory, and an embedded Tomcat on a free port whose root
 * context the test sets up. Also used by the Spring MVC module's tests.
 */
public final class EmbeddedTomcat implements AutoCloseable {

  public final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final Tomcat tomcat = new Tomcat();
  private final int port;

  public EmbeddedTomcat(List<InstrumentationModule> modules, Consumer<Context> setUp) throws Exception {
    ModuleInstaller.install(ByteBuddyAgent.install(), modules);
    SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    Tracing.install(new OtelTracingBackend(OpenTelemetrySdk.builder().setTracerProvider(provider)
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build()));
    tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
    tomcat.setPort(0);
    setUp.accept(tomcat.addContext("", null));
    tomcat.getConnector();
    tomcat.start();
    port = tomcat.getConnector().getLocalPort();
  }

  /**
   * Puts a filter of the application's in front of every path of the context (asynchronous
   * requests too): it passes each request on, then runs {@code afterChain}.
   */
  public static void addPassingFilter(Context context, String name, Runnable afterChain) {
    FilterDef definition = new FilterDef();
    definition.setFilterName(name);
    definition.setFilter(new PassingFilter(afterChain));
    definition.setAsyncSupported("true");
    context.addFilterDef(definition);
    FilterMap mapping = new FilterMap();
    mapping.setFilterName(name);
    mapping.addURLPattern("/*");
    context.addFilterMap(mapping);
  }

  /** A filter class of the application's (a lambda's hidden class is never instrumented). */
  static final class PassingFilter implements Filter {
    private final Runnable afterChain;

    PassingFilter(Runnable afterChain) {
      this.afterChain = afterChain;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      chain.doFilter(request, response);
      afterChain.run();
    }
  }

  public int port() {
    return port;
  }

  /** The one SERVER span ended, waiting (bounded) for it. */
  public SpanData serverSpan() throws InterruptedException {
    return onlyServerSpan(s -> true);
  }

  /**
   * The one SERVER span of the request to that path, waiting (bounded) for it: an asynchronous
   * request's span ends after its response, so an earlier test's may end during a later one.
   */
  public SpanData serverSpanOf(String path) throws InterruptedException {
    return onlyServerSpan(s -> path.equals(s.getAttributes().get(AttributeKey.stringKey("url.path"))));
  }

  private SpanData onlyServerSpan(Predicate<SpanData> which) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<SpanData> found;
    do {
      found = spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.SERVER && which.test(s))
          .collect(Collectors.toList());
      if (!found.isEmpty()) {
        break;
      }
      Thread.sleep(10);
    } while (System.nanoTime() < deadline);
    assertEquals(1, found.size(), found.toString());
    return found.get(0);
  }

  /** {@code GET path} written by hand with these header lines; the whole response. */
  public String get(String path, String... headerLines) throws IOException {
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

  @Override
  public void close() throws LifecycleException {
    tomcat.stop();
    tomcat.destroy();
  }
}
