package io.warren.instrumentation.jdkhttp;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdkHttpServerTest extends AgentTestBase {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";

  @Test
  void aRequestWithTraceparentContinuesTheCallersTraceAndItsSpanIsCurrentInTheHandler() throws Exception {
    String response = server.rawRequest("/status/200?customer=alice",
        "traceparent: 00-" + TRACE_ID + "-" + PARENT_ID + "-01", "User-Agent: test-agent/1");

    assertTrue(response.startsWith("HTTP/1.1 200"), response);
    SpanData span = serverSpan();
    assertEquals(SpanKind.SERVER, span.getKind());
    assertEquals("GET", span.getName());
    assertEquals(TRACE_ID, span.getTraceId());
    assertEquals(PARENT_ID, span.getParentSpanId());
    assertEquals(span.getSpanId(), server.currentSpanIds.get("/status/200"));
    assertEquals("GET", span.getAttributes().get(stringKey("http.request.method")));
    assertEquals("/status/200", span.getAttributes().get(stringKey("url.path")), "never the query");
    assertEquals("http", span.getAttributes().get(stringKey("url.scheme")));
    assertEquals(200L, span.getAttributes().get(longKey("http.response.status_code")));
    assertEquals("127.0.0.1", span.getAttributes().get(stringKey("server.address")));
    assertEquals((long) server.port(), span.getAttributes().get(longKey("server.port")));
    assertEquals("127.0.0.1", span.getAttributes().get(stringKey("client.address")));
    assertEquals("test-agent/1", span.getAttributes().get(stringKey("user_agent.original")));
    assertNull(span.getAttributes().get(stringKey("http.route")), "the JDK's server knows no route");
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
  }

  @Test
  void aMalformedTraceparentStartsANewTraceAndTheResponseIsNormal() throws Exception {
    String response = server.rawRequest("/status/200", "traceparent: 00-not-a-context-01");

    assertTrue(response.startsWith("HTTP/1.1 200"), response);
    assertTrue(response.endsWith("status 200"), response);
    SpanData span = serverSpan();
    assertFalse(span.getParentSpanContext().isValid());
    assertNotEquals(TRACE_ID, span.getTraceId());
  }

  @Test
  void aNotFoundIsNotAnErrorButAServerErrorIs() throws Exception {
    server.rawRequest("/status/404");
    SpanData notFound = serverSpan();
    assertEquals(404L, notFound.getAttributes().get(longKey("http.response.status_code")));
    assertEquals(StatusCode.UNSET, notFound.getStatus().getStatusCode());

    AgentInThisJvm.SPANS.reset();
    server.rawRequest("/status/503");
    SpanData unavailable = serverSpan();
    assertEquals(StatusCode.ERROR, unavailable.getStatus().getStatusCode());
    assertEquals("503", unavailable.getAttributes().get(stringKey("error.type")));
  }

  @Test
  void anExceptionEscapingTheHandlerIsAnError() throws Exception {
    server.rawRequest("/throw");

    SpanData span = serverSpan();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals(IllegalStateException.class.getName(), span.getAttributes().get(stringKey("error.type")));
    assertEquals(span.getSpanId(), server.currentSpanIds.get("/throw"));
  }

  @Test
  void filtersOnTheContextStillMakeOneSpanTheHandlersCurrentOne() throws Exception {
    server.server.removeContext("/status/");
    server.server.createContext("/status/", exchange -> {
      server.currentSpanIds.put("filtered", io.opentelemetry.api.trace.Span.current().getSpanContext().getSpanId());
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    }).getFilters().add(com.sun.net.httpserver.Filter.beforeHandler("noop", exchange -> { }));

    server.rawRequest("/status/204");

    SpanData span = serverSpan();
    assertEquals(span.getSpanId(), server.currentSpanIds.get("filtered"));
    assertFalse(span.getParentSpanContext().isValid(), "no span of an outer filter call around it");
    assertEquals(204L, span.getAttributes().get(longKey("http.response.status_code")));
  }

  private static SpanData serverSpan() throws InterruptedException {
    List<SpanData> spans = AgentInThisJvm.awaitSpans(1, s -> s.getKind() == SpanKind.SERVER);
    assertEquals(1, spans.size(), spans.toString());
    return spans.get(0);
  }
}
