package io.warren.instrumentation.http.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.TracingBackend;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSpansTest {

  private final Recorded recorded = new Recorded();

  @BeforeEach
  void install() {
    Tracing.install(recorded);
  }

  @AfterEach
  void uninstall() {
    Tracing.install(null);
  }

  @Test
  void serverSpanIsNamedByMethodAndRouteAndCarriesTheConventionsAttributes() {
    Map<String, Object> headers = HeaderCarrier.of(Map.of("traceparent", List.of("00-x")));
    HttpSpans.startServer("io.warren.test", "GET", "/orders/{id}", "http", "/orders/7",
        "shop.example", 8080, "10.1.2.3", "curl/8", headers);

    assertEquals(SpanStart.Kind.SERVER, recorded.kind);
    assertEquals("GET /orders/{id}", recorded.name);
    assertSame(headers, recorded.parentFrom);
    assertEquals(Map.of("http.request.method", "GET", "http.route", "/orders/{id}", "url.scheme", "http",
        "url.path", "/orders/7", "server.address", "shop.example", "server.port", 8080L,
        "client.address", "10.1.2.3", "user_agent.original", "curl/8"), recorded.attributes);
  }

  @Test
  void withoutARouteTheServerSpanIsNamedByItsMethodAloneNeverByThePath() {
    HttpSpans.startServer("s", "POST", null, "http", "/orders/7", "h", -1, null, null, null);

    assertEquals("POST", recorded.name);
    assertNull(recorded.attributes.get("server.port"));
    assertNull(recorded.attributes.get("http.route"));
  }

  @Test
  void anUnknownMethodIsOtherAndTheSpanIsNamedHttp() {
    HttpSpans.startServer("s", "FOO", "/x", "http", "/x", "h", 80, null, null, null);
    assertEquals("HTTP /x", recorded.name);
    assertEquals("_OTHER", recorded.attributes.get("http.request.method"));
    assertEquals("FOO", recorded.attributes.get("http.request.method_original"));

    Tracing.start(HttpSpans.client("s", "get", "http://h/", "http", "h", -1, null));
    assertEquals("HTTP", recorded.name, "methods are case-sensitive");
  }

  @Test
  void theFirstRouteMatchedLaterNamesTheServerSpanOpenOnThisThreadUntilItEnds() {
    HttpSpans.startServer("s", "GET", null, "http", "/orders/7", "h", 80, null, null, null);
    HttpSpans.route("/orders/{id}");
    HttpSpans.route("/error");
    HttpSpans.endServer("span", 200, null);
    HttpSpans.route("/too/late");

    assertEquals(List.of("span status /orders/{id}", "span name GET /orders/{id}", "span status 200",
        "span end null"), recorded.events);
  }

  @Test
  void clientSpanIsNamedByItsMethodAndItsUrlLosesCredentialsAndQuery() {
    Map<String, Object> outgoing = new HashMap<>();
    Tracing.start(HttpSpans.client("io.warren.test", "PUT",
        "https://user:secret@api.example:8443/items/1?token=abc#top", "https", "api.example", 8443, outgoing));

    assertEquals(SpanStart.Kind.CLIENT, recorded.kind);
    assertEquals("PUT", recorded.name);
    assertSame(outgoing, recorded.injectInto);
    assertEquals(Map.of("http.request.method", "PUT", "url.full", "https://api.example:8443/items/1",
        "server.address", "api.example", "server.port", 8443L), recorded.attributes);
  }

  @Test
  void clientSpanWithoutAPortGetsTheSchemesDefault() {
    Tracing.start(HttpSpans.client("s", "GET", "https://api.example/x", "https", "api.example", -1, null));
    assertEquals(443L, recorded.attributes.get("server.port"));
    Tracing.start(HttpSpans.client("s", "GET", "http://api.example/x", "http", "api.example", -1, null));
    assertEquals(80L, recorded.attributes.get("server.port"));
  }

  @Test
  void aServerErrorIsAnErrorOfTheServerSpanAndAClientErrorIsNot() {
    HttpSpans.endServer("a", 404, null);
    HttpSpans.endServer("b", 500, null);
    HttpSpans.endServer("c", 200, null);

    assertEquals(List.of("a status 404", "a end null", "b status 500", "b fail 500", "b end null",
        "c status 200", "c end null"), recorded.events);
  }

  @Test
  void aClientErrorIsAnErrorOfTheClientSpanAndSoIsAFailedConnection() {
    HttpSpans.endClient("a", 404, null);
    HttpSpans.endClient("b", 503, null);
    HttpSpans.endClient("c", 204, null);
    HttpSpans.endClient("d", -1, new IOException("refused"));

    assertEquals(List.of("a status 404", "a fail 404", "a end null", "b status 503", "b fail 503",
        "b end null", "c status 204", "c end null", "d end java.io.IOException: refused"), recorded.events);
  }

  @Test
  void anExceptionThatEscapedTheHandlerFailsTheServerSpan() {
    HttpSpans.endServer("a", -1, new IllegalStateException("boom"));
    assertEquals(List.of("a end java.lang.IllegalStateException: boom"), recorded.events);
  }

  /** The bridge's view of what the module asked for. */
  private static final class Recorded implements TracingBackend {
    SpanStart.Kind kind;
    String name;
    Map<String, Object> parentFrom;
    Map<String, Object> injectInto;
    final Map<String, Object> attributes = new LinkedHashMap<>();
    final List<String> events = new ArrayList<>();

    @Override
    public Object start(SpanStart span) {
      kind = span.kind();
      name = span.name();
      parentFrom = span.parentFrom();
      injectInto = span.injectInto();
      attributes.clear();
      for (int i = 0; i < span.attributeCount(); i++) {
        Object value = span.value(i);
        attributes.put(span.key(i).name(), value == null ? (Object) span.longValue(i) : value);
      }
      return "span";
    }

    @Override
    public Object startCurrent(SpanStart span) {
      return start(span);
    }

    @Override
    public void closeScope(Object handle) {}

    @Override
    public void recordException(Object handle, Throwable error) {}

    @Override
    public void setAttribute(Object handle, io.warren.bootstrap.SpanAttribute key, Object value) {
      events.add(handle + " status " + value);
    }

    @Override
    public void updateName(Object handle, String name) {
      events.add(handle + " name " + name);
    }

    @Override
    public void fail(Object handle, String errorType, String description) {
      events.add(handle + " fail " + errorType);
    }

    @Override
    public void end(Object handle, Throwable error) {
      events.add(handle + " end " + error);
    }
  }
}
