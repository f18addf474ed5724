package io.warren.agent.zipkin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The POST Zipkin receives, against a real HTTP server on the loopback interface. */
class HttpZipkinSenderTest {

  private HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private volatile int status = 202;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v2/spans", exchange -> {
      try (InputStream body = exchange.getRequestBody()) {
        requests.add(new Request(exchange.getRequestMethod(),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            exchange.getRequestHeaders().getFirst("Content-Encoding"), body.readAllBytes()));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void postsTheBufferAsProtobuf() throws IOException {
    sender(false).send(buffer(1, 2, 3));
    sender(false).send(buffer(4));

    assertEquals(2, requests.size());
    assertEquals("POST", requests.get(0).method);
    assertEquals("application/x-protobuf", requests.get(0).contentType);
    assertNull(requests.get(0).contentEncoding);
    assertArrayEquals(new byte[] {1, 2, 3}, requests.get(0).body);
    assertArrayEquals(new byte[] {4}, requests.get(1).body);
  }

  @Test
  void gzipCompressesTheBody() throws IOException {
    HttpZipkinSender sender = sender(true);
    sender.send(buffer(1, 2, 3));
    sender.send(buffer(5, 6)); // the compressed buffer is reused: nothing of the first is left

    assertEquals("gzip", requests.get(0).contentEncoding);
    assertArrayEquals(new byte[] {1, 2, 3}, gunzip(requests.get(0).body));
    assertArrayEquals(new byte[] {5, 6}, gunzip(requests.get(1).body));
  }

  @Test
  void aStatusOtherThan2xxFailsTheSend() {
    status = 500;

    IOException failure = assertThrows(IOException.class, () -> sender(false).send(buffer(1)));

    assertTrue(failure.getMessage().contains("500"), failure.getMessage());
  }

  @Test
  void anEndpointThatIsNotAUrlIsRefusedWhenTheSenderIsMade() {
    assertThrows(IllegalArgumentException.class, () -> new HttpZipkinSender("zipkin:9411", 1000, false));
  }

  private HttpZipkinSender sender(boolean gzip) {
    return new HttpZipkinSender(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/spans", 5000, gzip);
  }

  private static Proto3Buffer buffer(int... bytes) {
    Proto3Buffer buffer = new Proto3Buffer(1);
    for (int b : bytes) {
      buffer.key(b);
    }
    return buffer;
  }

  private static byte[] gunzip(byte[] body) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    }
  }

  private static final class Request {
    final String method;
    final String contentType;
    final String contentEncoding;
    final byte[] body;

    Request(String method, String contentType, String contentEncoding, byte[] body) {
      this.method = method;
      this.contentType = contentType;
      this.contentEncoding = contentEncoding;
      this.body = body;
    }
  }
}
