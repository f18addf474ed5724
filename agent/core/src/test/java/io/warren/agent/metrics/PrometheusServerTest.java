package io.warren.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scrape endpoint as scrapers and stray clients meet it, over real sockets. */
class PrometheusServerTest {

  private static final String SCRAPE = "GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n";

  private SdkMeterProvider meters;
  private PrometheusServer server;

  @BeforeEach
  void start() {
    PullReader reader = new PullReader();
    meters = SdkMeterProvider.builder().registerMetricReader(reader).build();
    meters.get("test").counterBuilder("orders.seen").build().add(3);
    server = PrometheusServer.start("127.0.0.1", 0, reader::collect);
    assertNotNull(server);
  }

  @AfterEach
  void stop() {
    server.stop();
    meters.shutdown();
  }

  @Test
  void twoScrapesOnOneKeepAliveConnection() throws IOException {
    try (RawClient client = new RawClient(server.port())) {
      client.send(SCRAPE);
      Answer first = client.answer(false);
      client.send(SCRAPE);
      Answer second = client.answer(false);
      assertEquals(200, first.status);
      assertEquals(200, second.status);
      assertTrue(second.body.contains("orders_seen_total 3\n"), second.body);
      assertEquals(PrometheusFormat.TEXT, second.header("content-type"));
    }
  }

  @Test
  void theJdkClientsKeptConnectionServesTheNextScrape() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
        .timeout(Duration.ofSeconds(10)).build();
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> answer = client.send(scrape, HttpResponse.BodyHandlers.ofString());
      assertEquals(200, answer.statusCode());
      assertTrue(answer.body().contains("orders_seen_total 3\n"), answer.body());
    }
  }

  @Test
  void headGivesTheHeadersAndNoBody() throws IOException {
    try (RawClient client = new RawClient(server.port())) {
      client.send("HEAD /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n");
      Answer head = client.answer(true);
      client.send(SCRAPE);
      // Were a body sent after HEAD's headers, this would read it instead of a status line.
      Answer get = client.answer(false);
      assertEquals(200, head.status);
      assertEquals(PrometheusFormat.TEXT, head.header("content-type"));
      assertEquals(200, get.status);
      assertEquals(String.valueOf(get.body.getBytes(StandardCharsets.UTF_8).length), head.header("content-length"));
    }
  }

  @Test
  void anUnknownPathIsNotFoundAndTheConnectionServesOn() throws IOException {
    try (RawClient client = new RawClient(server.port())) {
      client.send("GET /other HTTP/1.1\r\nHost: localhost\r\n\r\n");
      assertEquals(404, client.answer(false).status);
      client.send("GET /metrics?name[]=orders_seen_total HTTP/1.1\r\nHost: localhost\r\n\r\n");
      assertEquals(200, client.answer(false).status, "a query string is ignored");
    }
  }

  @Test
  void anotherMethodIsNotAllowedAndItsBodySkipped() throws IOException {
    try (RawClient client = new RawClient(server.port())) {
      client.send("POST /metrics HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello");
      Answer post = client.answer(false);
      assertEquals(405, post.status);
      assertEquals("GET, HEAD", post.header("allow"));
      client.send(SCRAPE);
      assertEquals(200, client.answer(false).status);
    }
  }

  @Test
  void headerNamesAreCaseInsensitive() throws IOException {
    try (RawClient client = new RawClient(server.port())) {
      client.send("GET /metrics HTTP/1.1\r\nhOsT: localhost\r\naCCept: application/openmetrics-text\r\n\r\n");
      Answer answer = client.answer(false);
      assertEquals(PrometheusFormat.OPEN_METRICS, answer.header("Content-Type"));
      assertTrue(answer.body.endsWith("# EOF\n"), answer.body);
    }
  }

  @Test
  void connectionCloseIsAnsweredThenClosed() throws IOException {
    try (RawClient client = new RawClient(server.port())) {
      client.send("GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      Answer answer = client.answer(false);
      assertEquals(200, answer.status);
      assertEquals("close", answer.header("connection"));
      assertEquals(-1, client.in.read(), "closed after the answer");
    }
  }

  @Test
  void garbageIsABadRequestAndTheConnectionEnds() throws IOException {
    try (RawClient client = new RawClient(server.port())) {
      client.send("\u0016\u0003\u0001 not http at all\r\n\r\n");
      assertEquals(400, client.answer(false).status);
      assertEquals(-1, client.in.read());
    }
  }

  @Test
  void headersPastTheLimitAreRefused() throws IOException {
    try (RawClient client = new RawClient(server.port())) {
      client.send("GET /metrics HTTP/1.1\r\nX-Padding: " + "x".repeat(20_000) + "\r\n\r\n");
      assertEquals(431, client.answer(false).status);
    }
  }

  @Test
  void silentAndGarbageClientsDoNotStopTheNextScrape() throws Exception {
    try (RawClient silent = new RawClient(server.port());
        RawClient alsoSilent = new RawClient(server.port());
        RawClient garbage = new RawClient(server.port())) {
      garbage.send("hello?\r\n\r\n");
      // Both handler threads may be waiting on the silent clients: a waiting scrape takes one over.
      HttpResponse<String> scrape = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
              .timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, scrape.statusCode());
      assertTrue(scrape.body().contains("orders_seen_total 3\n"), scrape.body());
    }
  }

  @Test
  void aClientThatResetsDoesNotStopTheNextScrape() throws Exception {
    try (RawClient reset = new RawClient(server.port())) {
      reset.send("GET /metrics HTTP/1.1\r\nHo");
      reset.socket.setSoLinger(true, 0); // close with a reset, in the middle of a request
    }
    try (RawClient client = new RawClient(server.port())) {
      client.send(SCRAPE);
      assertEquals(200, client.answer(false).status);
    }
  }

  /** An answer as read off the wire: status, headers (names in lower case) and body. */
  private static final class Answer {
    final int status;
    final Map<String, String> headers;
    final String body;

    Answer(int status, Map<String, String> headers, String body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Writes requests as given and reads answers byte by byte: what keeps a connection alive shows. */
  private static final class RawClient implements AutoCloseable {
    final Socket socket;
    final InputStream in;

    RawClient(int port) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(10_000); // a hung server fails the test instead of hanging it
      in = new BufferedInputStream(socket.getInputStream());
    }

    void send(String request) throws IOException {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
    }

    Answer answer(boolean head) throws IOException {
      String statusLine = line();
      assertTrue(statusLine.startsWith("HTTP/1.1 "), statusLine);
      Map<String, String> headers = new HashMap<String, String>();
      for (String line = line(); !line.isEmpty(); line = line()) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
      int length = head ? 0 : Integer.parseInt(headers.get("content-length"));
      String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
      return new Answer(Integer.parseInt(statusLine.substring(9, 12)), headers, body);
    }

    private String line() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b == -1) {
          throw new IOException("closed by the server after: " + line.toString(StandardCharsets.ISO_8859_1));
        }
        if (b != '\r') {
          line.write(b);
        }
      }
      return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
