package io.warren.smoketest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * HTTP/1.1 requests written by hand, so the test sends exactly the headers it means (no client
 * adds a context of its own, and none retries), and reads the response's bytes as they came.
 */
final class RawHttp {
  private RawHttp() {}

  /** {@code GET path} with the given header lines; the whole response, or "" if the server closed without one. */
  static String get(int port, String path, String... headerLines) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
      for (String header : headerLines) {
        request.append(header).append("\r\n");
      }
      request.append("Connection: close\r\n\r\n");
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The response without its {@code Date} header, the one part that differs from run to run. */
  static String withoutDate(String response) {
    return response.lines().filter(line -> !line.regionMatches(true, 0, "Date:", 0, 5))
        .collect(Collectors.joining("\n"));
  }
}
