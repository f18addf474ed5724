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
import java.util.List;

/**
 * A Zipkin server (the {@code zipkin-server-*-exec.jar}) in its own process, on a loopback port,
 * with in-memory storage and only the HTTP collector. Closing it stops the process.
 */
public final class ZipkinServer implements AutoCloseable {
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

  private final Process process;
  private final int port;
  private final Path logFile;

  private ZipkinServer(Process process, int port, Path logFile) {
    this.process = process;
    this.port = port;
    this.logFile = logFile;
  }

  /** Starts Zipkin on a free loopback port. */
  public static ZipkinServer start(Path execJar, Path logFile) {
    return start(execJar, logFile, Ports.freePort());
  }

  /** Starts Zipkin on {@code port} and waits until {@code /health} answers. */
  public static ZipkinServer start(Path execJar, Path logFile, int port) {
    if (!Files.isRegularFile(execJar)) {
      throw new IllegalStateException("Zipkin server jar not found: " + execJar
          + " (mvn package of smoke-tests copies it there)");
    }
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      ProcessBuilder builder = new ProcessBuilder(List.of(
          Jvm.currentJava().toString(),
          // Sized for the burst and concurrency tests (100 000 spans in one test): a Zipkin that
          // runs out of heap answers 500 and ingests slowly, which fails unrelated tests.
          "-Xms128m", "-Xmx1g", "-XX:+UseSerialGC",
          "-jar", execJar.toAbsolutePath().toString()));
      builder.environment().put("QUERY_PORT", Integer.toString(port));
      builder.environment().put("STORAGE_TYPE", "mem");
      builder.environment().putIfAbsent("MEM_MAX_SPANS", "250000");
      builder.environment().put("COLLECTOR_GRPC_ENABLED", "false");
      builder.environment().put("COLLECTOR_SCRIBE_ENABLED", "false");
      // Keep Zipkin's own RabbitMQ/Kafka collectors off even if the environment names a broker.
      builder.environment().remove("RABBIT_ADDRESSES");
      builder.environment().remove("RABBIT_URI");
      builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
      builder.environment().put("JAVA_OPTS", "");
      builder.redirectErrorStream(true);
      builder.redirectOutput(logFile.toFile());
      ZipkinServer server = new ZipkinServer(builder.start(), port, logFile);
      server.awaitHealthy();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start Zipkin from " + execJar, e);
    }
  }

  private void awaitHealthy() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Zipkin exited with code " + process.exitValue()
            + " before it was healthy; log " + logFile + ":\n" + Logs.tail(logFile, 40));
      }
      try {
        HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("UP")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("interrupted while waiting for Zipkin", e);
      }
      Pause.millis(250);
    }
    close();
    throw new IllegalStateException("Zipkin was not healthy within " + STARTUP_TIMEOUT
        + "; log " + logFile + ":\n" + Logs.tail(logFile, 40));
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public Path logFile() {
    return logFile;
  }

  /** For example {@code http://127.0.0.1:9411}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Where agents send spans: the value of {@code otel.exporter.zipkin.endpoint}. */
  public String spansEndpoint() {
    return baseUrl() + "/api/v2/spans";
  }

  /** The Zipkin UI page of one trace. */
  public String uiTraceUrl(String traceId) {
    return baseUrl() + "/zipkin/traces/" + traceId;
  }

  public ZipkinClient client() {
    return new ZipkinClient(baseUrl());
  }

  @Override
  public void close() {
    Processes.stop(process);
  }

}
