package io.warren.smoketest.apps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The life of the HTTP sample services: a JDK {@code HttpServer} on 127.0.0.1:{@code --http-port} (0,
 * the default: any free port) with one context; prints {@code LISTENING <port>}, answers until
 * {@code --requests} requests were handled (or {@code --timeout-seconds} passed: exit code 2),
 * then prints {@code DONE <n>} and returns.
 */
final class HttpApp {
  private HttpApp() {}

  static void serve(AppArgs args, String context, HttpHandler handler) throws Exception {
    int requests = args.integer("requests", 1);
    CountDownLatch remaining = new CountDownLatch(requests);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", args.integer("http-port", 0)), 0);
    server.createContext(context, exchange -> {
      try {
        handler.handle(exchange);
      } finally {
        remaining.countDown();
      }
    });
    server.start();
    System.out.println("LISTENING " + server.getAddress().getPort());
    boolean complete = remaining.await(args.integer("timeout-seconds", 60), TimeUnit.SECONDS);
    server.stop(1);
    if (!complete) {
      System.out.println("TIMEOUT handled " + (requests - remaining.getCount()) + " of " + requests);
      System.exit(2);
    }
    System.out.println("DONE " + requests);
  }

  /** The last segment of the request's path: the id in {@code /orders/42}. */
  static String lastSegment(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  static void respond(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
