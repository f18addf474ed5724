package io.warren.agent.zipkin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The POST Zipkin receives, against a real HTTP server on the loopback interface. */
class HttpZipkinSenderTest {

  private SpansReceiver zipkin;

  @BeforeEach
  void startServer() throws IOException {
    zipkin = new SpansReceiver();
  }

  @AfterEach
  void stopServer() throws IOException {
    zipkin.close();
  }

  @Test
  void postsTheBufferAsProtobuf() throws IOException {
    sender(false).send(buffer(1, 2, 3));
    sender(false).send(buffer(4));

    List<SpansReceiver.Request> requests = zipkin.requests;
    assertEquals(2, requests.size());
    assertEquals("POST", requests.get(0).method());
    assertEquals("application/x-protobuf", requests.get(0).header("Content-Type"));
    assertNull(requests.get(0).header("Content-Encoding"));
    assertArrayEquals(new byte[] {1, 2, 3}, requests.get(0).body());
    assertArrayEquals(new byte[] {4}, requests.get(1).body());
  }

  @Test
  void gzipCompressesTheBody() throws IOException {
    HttpZipkinSender sender = sender(true);
    sender.send(buffer(1, 2, 3));
    sender.send(buffer(5, 6)); // the compressed buffer is reused: nothing of the first is left

    List<SpansReceiver.Request> requests = zipkin.requests;
    assertEquals("gzip", requests.get(0).header("Content-Encoding"));
    assertArrayEquals(new byte[] {1, 2, 3}, gunzip(requests.get(0).body()));
    assertArrayEquals(new byte[] {5, 6}, gunzip(requests.get(1).body()));
  }

  @Test
  void aStatusOtherThan2xxFailsTheSend() {
    zipkin.status = 500;

    IOException failure = assertThrows(IOException.class, () -> sender(false).send(buffer(1)));

    assertTrue(failure.getMessage().contains("500"), failure.getMessage());
  }

  @Test
  void anEndpointThatIsNotAUrlIsRefusedWhenTheSenderIsMade() {
    assertThrows(IllegalArgumentException.class, () -> new HttpZipkinSender("zipkin:9411", 1000, false));
  }

  private HttpZipkinSender sender(boolean gzip) {
    return new HttpZipkinSender(zipkin.endpoint(), 5000, gzip);
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
}
