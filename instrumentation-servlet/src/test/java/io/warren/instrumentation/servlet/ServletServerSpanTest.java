package io.warren.instrumentation.servlet;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An embedded Tomcat 10.1 with a filter of the application's in front of a servlet. */
class ServletServerSpanTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";
  private static final Map<String, String> CURRENT_IN_SERVLET = new ConcurrentHashMap<>();
  private static EmbeddedTomcat tomcat;

  @BeforeAll
  static void start() throws Exception {
    tomcat = new EmbeddedTomcat(List.of(new ServletInstrumentationModule()), ServletServerSpanTest::orders);
  }

  private static void orders(Context context) {
    Tomcat.addServlet(context, "orders", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        CURRENT_IN_SERVLET.put(request.getRequestURI(), Span.current().getSpanContext().getSpanId());
        String id = request.getRequestURI().substring(request.getRequestURI().lastIndexOf('/') + 1);
        switch (id) {
          case "throw" -> throw new IllegalStateException("the servlet failed");
          case "wrapped" -> throw new ServletException("Request processing failed", new IllegalArgumentException("the handler failed"));
          case "missing" -> response.sendError(404);
          case "fail" -> response.setStatus(503);
          default -> response.getWriter().print("order " + id);
        }
      }
    });
    context.addServletMappingDecoded("/orders/*", "orders");
    // The container's error page, as Spring Boot sets one up (/error): the container dispatches
    // to it (an ERROR dispatch through the filter) after the request's own dispatch returned.
    Tomcat.addServlet(context, "error", new HttpServlet() {
      @Override
      protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print("error page " + request.getAttribute("jakarta.servlet.error.status_code"));
      }
    });
    context.addServletMappingDecoded("/error", "error");
    ErrorPage errorPage = new ErrorPage();
    errorPage.setLocation("/error");
    context.addErrorPage(errorPage);
    EmbeddedTomcat.addPassingFilter(context, "passing", () -> { });
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
  void aRequestThroughAFilterIsOneServerSpanContinuingTheCallersTraceCurrentInTheServlet() throws Exception {
    String response = tomcat.get("/orders/7?customer=alice",
        "traceparent: 00-" + TRACE_ID + "-" + PARENT_ID + "-01", "User-Agent: test/1");

    assertTrue(response.startsWith("HTTP/1.1 200"), response);
    SpanData span = tomcat.serverSpan();
    assertEquals("GET", span.getName());
    assertEquals(TRACE_ID, span.getTraceId());
    assertEquals(PARENT_ID, span.getParentSpanId(), "no span of the filter around it");
    assertEquals(span.getSpanId(), CURRENT_IN_SERVLET.get("/orders/7"));
    assertEquals("/orders/7", span.getAttributes().get(stringKey("url.path")));
    assertEquals("http", span.getAttributes().get(stringKey("url.scheme")));
    assertEquals((long) tomcat.port(), span.getAttributes().get(longKey("server.port")));
    assertEquals("test/1", span.getAttributes().get(stringKey("user_agent.original")));
    assertEquals(200L, span.getAttributes().get(longKey("http.response.status_code")));
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
  }

  @Test
  void aMalformedContextStartsANewTrace() throws Exception {
    assertTrue(tomcat.get("/orders/8", "traceparent: 00-broken-01").startsWith("HTTP/1.1 200"));
    assertFalse(tomcat.serverSpan().getParentSpanContext().isValid());
  }

  @Test
  void aNotFoundIsNotAnErrorAServerErrorAndAnEscapingExceptionAre() throws Exception {
    tomcat.get("/orders/missing");
    SpanData missing = tomcat.serverSpan();
    assertEquals(404L, missing.getAttributes().get(longKey("http.response.status_code")));
    assertEquals(StatusCode.UNSET, missing.getStatus().getStatusCode());

    tomcat.spans.reset();
    tomcat.get("/orders/fail");
    assertEquals("503", tomcat.serverSpan().getAttributes().get(stringKey("error.type")));

    tomcat.spans.reset();
    assertTrue(tomcat.get("/orders/throw").startsWith("HTTP/1.1 500"));
    SpanData thrown = tomcat.serverSpan();
    assertEquals(StatusCode.ERROR, thrown.getStatus().getStatusCode());
    assertEquals(IllegalStateException.class.getName(), thrown.getAttributes().get(stringKey("error.type")));
  }

  @Test
  void theErrorPageTheContainerShowsAfterwardsIsPartOfTheRequestsSpanNotASpanOfItsOwn() throws Exception {
    String notFound = tomcat.get("/orders/missing");
    assertTrue(notFound.startsWith("HTTP/1.1 404") && notFound.endsWith("error page 404"), notFound);
    assertEquals("/orders/missing", tomcat.serverSpan().getAttributes().get(stringKey("url.path")));

    tomcat.spans.reset();
    String thrown = tomcat.get("/orders/throw");
    assertTrue(thrown.startsWith("HTTP/1.1 500") && thrown.endsWith("error page 500"), thrown);
    assertEquals("/orders/throw", tomcat.serverSpan().getAttributes().get(stringKey("url.path")));
  }

  @Test
  void anExceptionTheFrameworkWrappedInAServletExceptionIsTheApplicationsError() throws Exception {
    assertTrue(tomcat.get("/orders/wrapped").startsWith("HTTP/1.1 500"));
    SpanData wrapped = tomcat.serverSpan();
    assertEquals(StatusCode.ERROR, wrapped.getStatus().getStatusCode());
    assertEquals(IllegalArgumentException.class.getName(), wrapped.getAttributes().get(stringKey("error.type")));
  }
}
