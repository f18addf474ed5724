package io.warren.instrumentation.jdkhttp;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.warren.instrumentation.jdkhttp.JdkHttpClientTest.freePort;
import static io.warren.instrumentation.jdkhttp.JdkHttpClientTest.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UrlConnectionTest extends AgentTestBase {

  @Test
  void readingTheResponseEndsTheClientSpanWhoseChildIsTheServersSpan() throws Exception {
    HttpURLConnection connection = open("/status/200?user=alice");
    String body;
    try (InputStream in = connection.getInputStream()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    assertEquals("status 200", body);
    SpanData clientSpan = span(SpanKind.CLIENT);
    assertEquals("GET", clientSpan.getName());
    assertEquals(server.url("/status/200"), clientSpan.getAttributes().get(stringKey("url.full")));
    assertEquals(200L, clientSpan.getAttributes().get(longKey("http.response.status_code")));
    assertEquals(clientSpan.getSpanId(), span(SpanKind.SERVER).getParentSpanId());
  }

  @Test
  void aPostWithABodyIsOneSpanEndedByGetResponseCode() throws Exception {
    HttpURLConnection connection = open("/status/202");
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    try (OutputStream out = connection.getOutputStream()) {
      out.write("order".getBytes(StandardCharsets.UTF_8));
    }

    assertEquals(202, connection.getResponseCode());
    SpanData clientSpan = span(SpanKind.CLIENT);
    assertEquals("POST", clientSpan.getName());
    assertEquals(202L, clientSpan.getAttributes().get(longKey("http.response.status_code")));
    assertEquals(clientSpan.getSpanId(), span(SpanKind.SERVER).getParentSpanId());
  }

  @Test
  void aNotFoundIsAnErrorOfTheClientSpanWithItsStatus() throws Exception {
    assertEquals(404, open("/status/404").getResponseCode());

    SpanData clientSpan = span(SpanKind.CLIENT);
    assertEquals(StatusCode.ERROR, clientSpan.getStatus().getStatusCode());
    assertEquals("404", clientSpan.getAttributes().get(stringKey("error.type")));
    assertEquals(404L, clientSpan.getAttributes().get(longKey("http.response.status_code")));
  }

  @Test
  void aRefusedConnectionIsAnError() throws Exception {
    HttpURLConnection connection =
        (HttpURLConnection) new URL("http://127.0.0.1:" + freePort() + "/x").openConnection();

    assertThrows(ConnectException.class, connection::getResponseCode);

    SpanData clientSpan = span(SpanKind.CLIENT);
    assertEquals(StatusCode.ERROR, clientSpan.getStatus().getStatusCode());
    assertEquals(ConnectException.class.getName(), clientSpan.getAttributes().get(stringKey("error.type")));
    assertNull(clientSpan.getAttributes().get(longKey("http.response.status_code")));
  }

  @Test
  void aConnectionDisconnectedWithoutReadingItsResponseEndsItsSpan() throws Exception {
    HttpURLConnection connection = open("/status/200");
    connection.connect();
    connection.disconnect();

    SpanData clientSpan = span(SpanKind.CLIENT);
    assertNull(clientSpan.getAttributes().get(longKey("http.response.status_code")));
    assertEquals(StatusCode.UNSET, clientSpan.getStatus().getStatusCode());
  }

  private HttpURLConnection open(String path) throws Exception {
    return (HttpURLConnection) new URL(server.url(path)).openConnection();
  }
}
