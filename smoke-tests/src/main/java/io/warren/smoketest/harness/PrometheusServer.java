package io.warren.smoketest.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Prometheus server ({@code /usr/bin/prometheus}, see ensure-prometheus.sh) in its own process
 * on a free loopback port, with its own configuration and storage under {@code workDir}, exemplar
 * storage on, scraping every second the targets added with {@link #scrape} (Prometheus asks for
 * OpenMetrics first, so exemplars arrive). Closing it stops the process.
 */
public final class PrometheusServer implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/prometheus");
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  /** The label that names the application of each scraped target. */
  public static final String APP_LABEL = "app";

  private final Process process;
  private final int port;
  private final Path config;
  private final Path logFile;
  private final Map<String, Integer> targets = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private PrometheusServer(Process process, int port, Path config, Path logFile) {
    this.process = process;
    this.port = port;
    this.config = config;
    this.logFile = logFile;
  }

  /** Starts Prometheus on a free loopback port and waits until it is ready. */
  public static PrometheusServer start(Path workDir) {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " not found (smoke-tests/ensure-prometheus.sh "
          + "installs it)");
    }
    try {
      Files.createDirectories(workDir);
      Path config = workDir.resolve("prometheus.yml");
      Files.writeString(config, configuration(Map.of()));
      Path logFile = workDir.resolve("prometheus.log");
      int port = Ports.freePort();
      ProcessBuilder builder = new ProcessBuilder(List.of(BINARY.toString(),
          "--config.file=" + config,
          "--storage.tsdb.path=" + Files.createTempDirectory(workDir, "data"),
          "--web.listen-address=127.0.0.1:" + port,
          "--web.enable-lifecycle",
          "--enable-feature=exemplar-storage"));
      builder.redirectErrorStream(true);
      builder.redirectOutput(logFile.toFile());
      PrometheusServer server = new PrometheusServer(builder.start(), port, config, logFile);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start Prometheus", e);
    }
  }

  /** Adds a scrape target, 127.0.0.1:{port}, labelled {@code app="<app>"}, and reloads. */
  public synchronized void scrape(String app, int targetPort) {
    targets.put(app, targetPort);
    try {
      Files.writeString(config, configuration(targets));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/-/reload"))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    if (response == null || response.statusCode() != 200) {
      throw new IllegalStateException("Prometheus did not reload its configuration: "
          + (response == null ? "no answer" : response.body()) + "\n" + Logs.tail(logFile, 20));
    }
  }

  private static String configuration(Map<String, Integer> targets) {
    StringBuilder yaml = new StringBuilder("""
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: warren
            static_configs:
        """);
    targets.forEach((app, targetPort) -> yaml.append("      - targets: ['127.0.0.1:")
        .append(targetPort).append("']\n        labels: {").append(APP_LABEL).append(": '")
        .append(app).append("'}\n"));
    if (targets.isEmpty()) {
      yaml.append("      []\n");
    }
    return yaml.toString();
  }

  private void awaitReady() {
    HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/-/ready"))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Prometheus exited with code " + process.exitValue()
            + " before it was ready; log " + logFile + ":\n" + Logs.tail(logFile, 40));
      }
      HttpResponse<String> response = send(ready);
      if (response != null && response.statusCode() == 200) {
        return;
      }
      Pause.millis(200);
    }
    close();
    throw new IllegalStateException("Prometheus was not ready within " + STARTUP_TIMEOUT
        + "; log " + logFile + ":\n" + Logs.tail(logFile, 40));
  }

  /** The answer, or null if nothing listens yet. */
  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling Prometheus", e);
    }
  }

  /** For example {@code http://127.0.0.1:9090}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public PrometheusClient client() {
    return new PrometheusClient(baseUrl());
  }

  public Path logFile() {
    return logFile;
  }

  @Override
  public void close() {
    Processes.stop(process);
  }
}
