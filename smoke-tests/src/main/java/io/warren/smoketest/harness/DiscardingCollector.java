package io.warren.smoketest.harness;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP endpoint that accepts every request as a span collector would (202, which
 * Zipkin's and OTLP's exporters both take for success) and throws the body away: an exporter's
 * own cost, without a backend that ingests the spans on the same cores.
 */
public final class DiscardingCollector implements AutoCloseable {
  private final HttpServer server;

  private DiscardingCollector(HttpServer server) {
    this.server = server;
  }

  public static DiscardingCollector start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      DiscardingCollector collector = new DiscardingCollector(server);
      server.createContext("/", exchange -> {
        try (InputStream body = exchange.getRequestBody()) {
          body.transferTo(OutputStream.nullOutputStream());
        }
        exchange.sendResponseHeaders(202, -1);
        exchange.close();
      });
      server.setExecutor(Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "discarding-collector");
        thread.setDaemon(true);
        return thread;
      }));
      server.start();
      return collector;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Its address, for {@code otel.exporter.otlp.endpoint}: every path is accepted. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** An endpoint URL for {@code otel.exporter.zipkin.endpoint}. */
  public String spansEndpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/spans";
  }

  @Override
  public void close() {
    server.stop(0);
  }

}
