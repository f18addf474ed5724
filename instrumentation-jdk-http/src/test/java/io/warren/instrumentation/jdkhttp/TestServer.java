package io.warren.instrumentation.jdkhttp;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A JDK HttpServer on a free port: {@code /status/N} answers N, {@code /throw} throws from its
 * handler; every handler remembers the id of the span current while it ran, by path.
 */
final class TestServer implements AutoCloseable {

  final HttpServer server;
  final Map<String, String> currentSpanIds = new ConcurrentHashMap<>();

  TestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/status/", exchange -> {
      currentSpanIds.put(exchange.getRequestURI().getPath(), Span.current().getSpanContext().getSpanId());
      String path = exchange.getRequestURI().getPath();
      int status = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
      byte[] body = ("status " + status).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/throw", exchange -> {
      currentSpanIds.put(exchange.getRequestURI().getPath(), Span.current().getSpanContext().getSpanId());
      throw new IllegalStateException("handler failed");
    });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Sends a request by hand (no client instrumentation on the way) and returns the raw response. */
  String rawRequest(String path, String... headerLines) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port())) {
      StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      for (String header : headerLines) {
        request.append(header).append("\r\n");
      }
      request.append("Connection: close\r\n\r\n");
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
