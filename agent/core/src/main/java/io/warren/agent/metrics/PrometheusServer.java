package io.warren.agent.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.warren.bootstrap.AgentThreads;
import io.warren.bootstrap.WarrenLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The scrape endpoint, {@code /metrics}, on the JDK's own HTTP server ({@code jdk.httpserver}).
 * Scrapes are answered on the agent's own threads, so nothing Warren instruments traces or
 * counts them.
 */
final class PrometheusServer {

  static final String PATH = "/metrics";

  private final HttpServer server;
  private final ExecutorService threads;

  private PrometheusServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /**
   * Serves {@code metrics} on {@code host:port}; null, with one line, when the port cannot be
   * bound. Throws a LinkageError when the JDK has no {@code jdk.httpserver}.
   */
  static PrometheusServer start(String host, int port, Supplier<Collection<MetricData>> metrics) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException | RuntimeException e) {
      WarrenLog.warn("the Prometheus endpoint cannot listen on " + host + ":" + port + " (" + e
          + "); metrics are not served there (otel.exporter.prometheus.host, .port)");
      return null;
    }
    ExecutorService threads = Executors.newFixedThreadPool(2, AgentThreads.factory("warren-prometheus"));
    server.setExecutor(threads);
    server.createContext(PATH, exchange -> answer(exchange, metrics));
    server.start();
    WarrenLog.debug("serving metrics on http://" + host + ":" + server.getAddress().getPort() + PATH);
    return new PrometheusServer(server, threads);
  }

  private static void answer(HttpExchange exchange, Supplier<Collection<MetricData>> metrics)
      throws IOException {
    try {
      if (!exchange.getRequestURI().getPath().equals(PATH)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      boolean openMetrics =
          PrometheusFormat.wantsOpenMetrics(exchange.getRequestHeaders().getFirst("Accept"));
      byte[] body = PrometheusFormat.write(metrics.get(), openMetrics).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders()
          .set("Content-Type", openMetrics ? PrometheusFormat.OPEN_METRICS : PrometheusFormat.TEXT);
      if (exchange.getRequestMethod().equals("HEAD")) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream response = exchange.getResponseBody()) {
        response.write(body);
      }
    } finally {
      exchange.close();
    }
  }

  void stop() {
    server.stop(0);
    threads.shutdown();
  }
}
