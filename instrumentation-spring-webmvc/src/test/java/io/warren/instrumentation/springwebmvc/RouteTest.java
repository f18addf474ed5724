package io.warren.instrumentation.springwebmvc;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.warren.instrumentation.servlet.EmbeddedTomcat;
import io.warren.instrumentation.servlet.ServletInstrumentationModule;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/** Spring MVC 6.2's DispatcherServlet on an embedded Tomcat 10.1, with the servlet module. */
class RouteTest {

  private static EmbeddedTomcat tomcat;

  @RestController
  static class Orders {
    @GetMapping("/orders/{id}")
    String order(@PathVariable("id") String id) {
      return "order " + id;
    }

    /** Answered 201 from another thread, written in the ASYNC dispatch that follows. */
    @GetMapping("/later/{id}")
    CompletableFuture<ResponseEntity<String>> later(@PathVariable("id") String id) {
      return CompletableFuture.supplyAsync(() -> ResponseEntity.status(201).body("later " + id));
    }

    /** Never answered: Spring answers 503 at the async timeout (300 ms). */
    @GetMapping("/never/{id}")
    DeferredResult<String> never(@PathVariable("id") String id) {
      return new DeferredResult<>(300L);
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
    tomcat = new EmbeddedTomcat(List.of(new ServletInstrumentationModule(), new SpringWebMvcInstrumentationModule()),
        context -> {
          AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
          spring.register(Web.class);
          Wrapper dispatcher = Tomcat.addServlet(context, "dispatcher", new DispatcherServlet(spring));
          dispatcher.setLoadOnStartup(1);
          dispatcher.setAsyncSupported(true);
          context.addServletMappingDecoded("/", "dispatcher");
        });
  }

  @AfterAll
  static void stop() throws Exception {
    tomcat.close();
  }

  @BeforeEach
  void reset() {
    tomcat.spans.reset();
  }

  @Test
  void theMatchedPatternNamesTheServerSpanAndIsItsRouteNeverThePath() throws Exception {
    String response = tomcat.get("/orders/42");

    assertTrue(response.startsWith("HTTP/1.1 200") && response.endsWith("order 42"), response);
    SpanData span = tomcat.serverSpan();
    assertEquals("GET /orders/{id}", span.getName());
    assertEquals("/orders/{id}", span.getAttributes().get(stringKey("http.route")));
    assertEquals("/orders/42", span.getAttributes().get(stringKey("url.path")));
  }

  @Test
  void aCompletableFutureEndsTheRoutedSpanWhenItsAnswerIsWritten() throws Exception {
    String response = tomcat.get("/later/7");

    assertTrue(response.startsWith("HTTP/1.1 201") && response.endsWith("later 7"), response);
    SpanData span = tomcat.serverSpanOf("/later/7");
    assertEquals("GET /later/{id}", span.getName());
    assertEquals(201L, span.getAttributes().get(longKey("http.response.status_code")));
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
  }

  @Test
  void aDeferredResultNeverSetEndsTheSpanMarkedAtTheAsyncTimeout() throws Exception {
    assertTrue(tomcat.get("/never/8").startsWith("HTTP/1.1 503"));

    SpanData span = tomcat.serverSpanOf("/never/8");
    assertEquals("GET /never/{id}", span.getName());
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("timeout", span.getAttributes().get(stringKey("error.type")));
  }

  @Test
  void withoutAMatchingHandlerTheSpanKeepsItsMethodAsItsName() throws Exception {
    assertTrue(tomcat.get("/nothing/here").startsWith("HTTP/1.1 404"));

    SpanData span = tomcat.serverSpan();
    assertEquals("GET", span.getName());
    assertNull(span.getAttributes().get(stringKey("http.route")));
  }
}
