package io.warren.instrumentation.http.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.testing.RecordingBackend;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSpansTest {

  private final RecordingBackend recorded = new RecordingBackend();

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
    Object handle = HttpSpans.startServer("io.warren.test", "GET", "/orders/{id}", "http", "/orders/7",
        "shop.example", 8080, "10.1.2.3", "curl/8", headers);

    RecordingBackend.Span span = recorded.byId((String) handle);
    assertEquals(SpanStart.Kind.SERVER, span.kind());
    assertEquals("GET /orders/{id}", span.name());
    assertEquals(handle, recorded.currentSpanId(), "current while the handler runs");
    assertEquals(Map.of("traceparent", "00-x"), span.carrier(), "the parent is read from the request's headers");
    assertEquals(Map.of("http.request.method", "GET", "http.route", "/orders/{id}", "url.scheme", "http",
        "url.path", "/orders/7", "server.address", "shop.example", "server.port", 8080L,
        "client.address", "10.1.2.3", "user_agent.original", "curl/8"), span.attributes());
  }

  @Test
  void withoutARouteTheServerSpanIsNamedByItsMethodAloneNeverByThePath() {
    Object handle = HttpSpans.startServer("s", "POST", null, "http", "/orders/7", "h", -1, null, null, null);

    RecordingBackend.Span span = recorded.byId((String) handle);
    assertEquals("POST", span.name());
    assertNull(span.attribute("server.port"));
    assertNull(span.attribute("http.route"));
  }

  @Test
  void anUnknownMethodIsOtherAndTheSpanIsNamedHttp() {
    HttpSpans.startServer("s", "FOO", "/x", "http", "/x", "h", 80, null, null, null);
    RecordingBackend.Span server = recorded.started.get(0);
    assertEquals("HTTP /x", server.name());
    assertEquals("_OTHER", server.attribute("http.request.method"));
    assertEquals("FOO", server.attribute("http.request.method_original"));

    Tracing.start(HttpSpans.client("s", "get", "http://h/", "http", "h", -1, null));
    assertEquals("HTTP", recorded.started.get(1).name(), "methods are case-sensitive");
  }

  @Test
  void theFirstRouteMatchedLaterNamesTheServerSpanOpenOnThisThreadUntilItEnds() {
    String handle = (String) HttpSpans.startServer("s", "GET", null, "http", "/orders/7", "h", 80, null, null, null);
    HttpSpans.route("/orders/{id}");
    HttpSpans.route("/error");
    HttpSpans.endServer(handle, 200, null);
    HttpSpans.route("/too/late");

    assertEquals("GET /orders/{id}", recorded.renamed.get(handle));
    assertEquals("/orders/{id}", recorded.byId(handle).attribute("http.route"));
    assertEquals(200L, recorded.byId(handle).attribute("http.response.status_code"));
    assertEquals(List.of(new RecordingBackend.End(handle, null)), recorded.ended);
  }

  @Test
  void aServerSpanLeftForAnAsynchronousRequestStaysOpenButIsNoLongerCurrentNorRoutedHere() {
    String handle = (String) HttpSpans.startServer("s", "GET", null, "http", "/orders/7", "h", 80, null, null, null);
    HttpSpans.leaveServer(handle);
    HttpSpans.route("/orders/{id}");

    assertNull(recorded.currentSpanId());
    assertFalse(recorded.isEnded(handle));
    assertNull(recorded.renamed.get(handle));

    HttpSpans.endServer(handle, 201, null);
    assertEquals(List.of(new RecordingBackend.End(handle, null)), recorded.ended);
    assertEquals(201L, recorded.byId(handle).attribute("http.response.status_code"));
  }

  @Test
  void clientSpanIsNamedByItsMethodAndItsUrlLosesCredentialsAndQuery() {
    Map<String, Object> outgoing = new HashMap<>();
    Object handle = Tracing.start(HttpSpans.client("io.warren.test", "PUT",
        "https://user:secret@api.example:8443/items/1?token=abc#top", "https", "api.example", 8443, outgoing));

    RecordingBackend.Span span = recorded.byId((String) handle);
    assertEquals(SpanStart.Kind.CLIENT, span.kind());
    assertEquals("PUT", span.name());
    assertEquals(handle, outgoing.get(RecordingBackend.MARK), "its context goes into the outgoing headers");
    assertEquals(Map.of("http.request.method", "PUT", "url.full", "https://api.example:8443/items/1",
        "server.address", "api.example", "server.port", 8443L), span.attributes());
  }

  @Test
  void clientSpanWithoutAPortGetsTheSchemesDefault() {
    Tracing.start(HttpSpans.client("s", "GET", "https://api.example/x", "https", "api.example", -1, null));
    Tracing.start(HttpSpans.client("s", "GET", "http://api.example/x", "http", "api.example", -1, null));
    assertEquals(443L, recorded.started.get(0).attribute("server.port"));
    assertEquals(80L, recorded.started.get(1).attribute("server.port"));
  }

  @Test
  void aServerErrorIsAnErrorOfTheServerSpanAndAClientErrorIsNot() {
    String notFound = server();
    HttpSpans.endServer(notFound, 404, null);
    String broken = server();
    HttpSpans.endServer(broken, 500, null);
    String ok = server();
    HttpSpans.endServer(ok, 200, null);

    assertEquals(404L, recorded.byId(notFound).attribute("http.response.status_code"));
    assertEquals(500L, recorded.byId(broken).attribute("http.response.status_code"));
    assertEquals(Map.of(broken, "500"), recorded.failures);
    assertEquals(List.of(new RecordingBackend.End(notFound, null), new RecordingBackend.End(broken, null),
        new RecordingBackend.End(ok, null)), recorded.ended);
  }

  @Test
  void aClientErrorIsAnErrorOfTheClientSpanAndSoIsAFailedConnection() {
    String notFound = client();
    HttpSpans.endClient(notFound, 404, null);
    String unavailable = client();
    HttpSpans.endClient(unavailable, 503, null);
    String ok = client();
    HttpSpans.endClient(ok, 204, null);
    String refused = client();
    IOException error = new IOException("refused");
    HttpSpans.endClient(refused, -1, error);

    assertEquals(Map.of(notFound, "404", unavailable, "503"), recorded.failures);
    assertEquals(204L, recorded.byId(ok).attribute("http.response.status_code"));
    assertNull(recorded.byId(refused).attribute("http.response.status_code"), "no response, no status");
    assertEquals(new RecordingBackend.End(refused, error), recorded.ended.get(3));
  }

  @Test
  void anExceptionThatEscapedTheHandlerFailsTheServerSpan() {
    String handle = server();
    IllegalStateException boom = new IllegalStateException("boom");
    HttpSpans.endServer(handle, -1, boom);

    assertEquals(List.of(new RecordingBackend.End(handle, boom)), recorded.ended);
    assertFalse(recorded.byId(handle).attributes().containsKey("http.response.status_code"));
  }

  private String server() {
    return (String) HttpSpans.startServer("s", "GET", "/x", "http", "/x", "h", 80, null, null, null);
  }

  private String client() {
    return (String) Tracing.start(HttpSpans.client("s", "GET", "http://h/x", "http", "h", 80, null));
  }
}
