package io.warren.instrumentation.springwebmvc;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.trace.data.SpanData;
import io.warren.instrumentation.servlet.EmbeddedTomcat;
import io.warren.instrumentation.servlet.ServletInstrumentationModule;
import java.util.List;
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

  private static EmbeddedTomcat tomcat;

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
    tomcat = new EmbeddedTomcat(List.of(new ServletInstrumentationModule(), new SpringWebMvcInstrumentationModule()),
        context -> {
          AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
          spring.register(Web.class);
          Tomcat.addServlet(context, "dispatcher", new DispatcherServlet(spring)).setLoadOnStartup(1);
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
  void withoutAMatchingHandlerTheSpanKeepsItsMethodAsItsName() throws Exception {
    assertTrue(tomcat.get("/nothing/here").startsWith("HTTP/1.1 404"));

    SpanData span = tomcat.serverSpan();
    assertEquals("GET", span.getName());
    assertNull(span.getAttributes().get(stringKey("http.route")));
  }
}
