package io.warren.smoketest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinServer;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The HTTP-request-to-publish benchmark behind {@code smoke-tests/http-benchmark.sh}: the same
 * {@link HttpWorkload} (a JDK HttpServer whose handler publishes each request's body) with no
 * agent, with Warren and with the OpenTelemetry Java agent, against the real broker and one real
 * Zipkin, driven by a closed-loop client in this JVM ({@code --concurrency} connections, each
 * sending its next request when the last one was answered). Each round runs every configuration
 * once, back to back, in an order that rotates from round to round; the table reports medians
 * over rounds and, for each agent, the per-round ratio to the no-agent run of the same round.
 *
 * <p>Run from the repository root after {@code mvn -B -DskipTests package}. Options:
 * {@code --rounds=5 --requests=20000 --warmup=5000 --concurrency=2 --size=256}.
 */
public final class HttpBenchmark {
  private static final List<AgentConfig> CONFIGS =
      List.of(AgentConfig.NONE, AgentConfig.WARREN, AgentConfig.OTEL);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One process run: what the client measured, what the app measured, the spans Zipkin got. */
  record Run(AgentConfig config, int round, boolean ok, double requestsPerSec, double p50Ms,
      double p99Ms, JsonNode workload, SpanCount spans, String failure) {

    double cpuMicrosPerRequest() {
      return 1000 * workload.path("cpuMs").asDouble() / workload.path("requests").asDouble();
    }
  }

  private final Path root;
  private final Path target;
  private final Path logs;
  private final String classpath;
  private final int rounds;
  private final int requests;
  private final int warmup;
  private final int concurrency;
  private final int size;
  private final List<Run> runs = new ArrayList<>();
  private AgentConfig.Jars jars;

  private HttpBenchmark(Path root, Map<String, String> options) throws IOException {
    this.root = root;
    this.target = root.resolve("smoke-tests/target").toAbsolutePath().normalize();
    this.logs = target.resolve("http-benchmark-logs");
    this.classpath = target.resolve("classes") + File.pathSeparator
        + Files.readString(target.resolve("app-classpath.txt")).trim();
    this.rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
    this.requests = Integer.parseInt(options.getOrDefault("requests", "20000"));
    this.warmup = Integer.parseInt(options.getOrDefault("warmup", "5000"));
    this.concurrency = Integer.parseInt(options.getOrDefault("concurrency", "2"));
    this.size = Integer.parseInt(options.getOrDefault("size", "256"));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchArgs.options(args, "usage: HttpBenchmark [--rounds=5] [--requests=20000] [--warmup=5000]"
            + " [--concurrency=2] [--size=256]");
    Path root = BenchArgs.root();
    new HttpBenchmark(root, options).run();
  }

  private void run() throws IOException {
    Files.createDirectories(logs);
    jars = AgentConfig.Jars.copiedInto(root, target.resolve("http-benchmark-agents"));
    log("Starting Zipkin (log " + logs.resolve("zipkin.log") + ")");
    try (ZipkinServer zipkin =
        ZipkinServer.start(target.resolve("zipkin/zipkin-server.jar"), logs.resolve("zipkin.log"))) {
      for (int round = 1; round <= rounds; round++) {
        for (int i = 0; i < CONFIGS.size(); i++) {
          AgentConfig config = CONFIGS.get((i + round - 1) % CONFIGS.size());
          Run run = runOnce(zipkin, config, round);
          runs.add(run);
          log(describe(run));
        }
      }
    }
    log(Report.publish(target, "http-benchmark", report(), csv()));
  }

  private Run runOnce(ZipkinServer zipkin, AgentConfig config, int round) {
    String service = "bench-" + config.id + "-r" + round + "-http";
    AgentJvm jvm = AgentJvm.app(HttpWorkload.class.getName()).classpath(classpath)
        .logDir(logs)
        .quickStart(false) // measure on the JVM users run: C1 and C2
        .name("r" + round + "-" + config.id + "-http")
        .args(Integer.toString(warmup), Integer.toString(requests), Integer.toString(concurrency));
    config.apply(jvm, jars, service, zipkin.spansEndpoint(), null);
    AgentJvm.Running app = jvm.start();
    try {
      String listening = app.awaitLine("LISTENING ", Duration.ofMinutes(2));
      URI uri = URI.create("http://127.0.0.1:" + listening.substring("LISTENING ".length()).trim()
          + "/publish");
      LoadClient client = new LoadClient(uri, size, concurrency);
      client.send(warmup);
      LoadResult measured = client.send(requests);
      AgentJvm.Result result = app.awaitExit(RUN_TIMEOUT);
      List<String> lines = result.linesStartingWith("WORKLOAD");
      if (result.exitCode() != 0 || lines.isEmpty()) {
        return failed(config, round, result.describe());
      }
      JsonNode workload = JSON.readTree(lines.get(lines.size() - 1));
      SpanCount spans = config == AgentConfig.NONE ? null
          : SpanCount.await(zipkin.baseUrl(), service, warmup + requests, Duration.ofSeconds(4),
              Duration.ofSeconds(60));
      return new Run(config, round, true, measured.requestsPerSec(), measured.percentileMs(50),
          measured.percentileMs(99), workload, spans, null);
    } catch (IOException | RuntimeException e) {
      app.kill();
      return failed(config, round, e.toString());
    }
  }

  private static Run failed(AgentConfig config, int round, String why) {
    return new Run(config, round, false, 0, 0, 0, null, null, why);
  }

  private static String describe(Run run) {
    String head = String.format(Locale.ROOT, "round %d %-20s", run.round(), run.config().label);
    if (!run.ok()) {
      return head + " FAILED: " + Report.firstLine(run.failure());
    }
    return head + String.format(Locale.ROOT,
        " %.0f req/s, cpu %.0f µs/request, p50 %.3f ms, p99 %.3f ms, peak RSS %.1f MiB%s",
        run.requestsPerSec(), run.cpuMicrosPerRequest(), run.p50Ms(), run.p99Ms(),
        run.workload().path("peakRssKiB").asDouble() / 1024,
        run.spans() == null ? "" : ", spans: " + run.spans().messaging() + " publish, "
            + run.spans().otherNames());
  }

  /**
   * Sends {@code POST} requests of {@code size} bytes over {@code concurrency} connections, each
   * sending its next request once the last one was answered (HTTP/1.1, kept alive).
   */
  private static final class LoadClient {
    private final HttpRequest request;
    private final int concurrency;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();

    LoadClient(URI uri, int size, int concurrency) {
      byte[] body = new byte[size];
      Arrays.fill(body, (byte) 'w');
      this.request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      this.concurrency = concurrency;
    }

    LoadResult send(int requests) {
      long[] latencies = new long[requests];
      java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
      List<Thread> senders = new ArrayList<>();
      List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      long start = System.nanoTime();
      for (int t = 0; t < concurrency; t++) {
        Thread sender = new Thread(() -> {
          for (int n = next.getAndIncrement(); n < requests && failures.isEmpty();
              n = next.getAndIncrement()) {
            long sent = System.nanoTime();
            try {
              int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
              if (status != 204) {
                throw new IllegalStateException("the app answered " + status);
              }
            } catch (Exception e) {
              failures.add(e);
              return;
            }
            latencies[n] = System.nanoTime() - sent;
          }
        }, "http-load-" + t);
        sender.start();
        senders.add(sender);
      }
      for (Thread sender : senders) {
        try {
          sender.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      long wall = System.nanoTime() - start;
      if (!failures.isEmpty()) {
        throw new IllegalStateException("a request failed: " + failures.get(0), failures.get(0));
      }
      return new LoadResult(wall, latencies);
    }
  }

  // ---- the report ----------------------------------------------------------------------------

  private record Metric(String name, String format, Function<Run, Double> value) {}

  private static final List<Metric> METRICS = List.of(
      new Metric("Requests per second (higher is better)", "%.0f", Run::requestsPerSec),
      new Metric("CPU per request, whole process (µs)", "%.0f", Run::cpuMicrosPerRequest),
      new Metric("Latency p50 (ms)", "%.3f", Run::p50Ms),
      new Metric("Latency p99 (ms)", "%.3f", Run::p99Ms),
      new Metric("Peak RSS (MiB)", "%.1f", r -> r.workload().path("peakRssKiB").asDouble() / 1024));

  private String report() throws IOException {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "HTTP request to publish: %d interleaved rounds; %d measured requests of %d B after %d"
            + " warm-up ones, %d connections (closed loop); Java %s, %d CPUs, %s.%n%n",
        rounds, requests, size, warmup, concurrency, System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), Instant.now().toString().substring(0, 16)));
    String otel = "OpenTelemetry agent " + jars.otelVersion();
    out.append("| Metric | no agent | Warren | Warren ÷ no agent | ").append(otel)
        .append(" | OTel ÷ no agent |\n|---|---|---|---|---|---|\n");
    for (Metric metric : METRICS) {
      out.append("| ").append(metric.name());
      for (AgentConfig config : CONFIGS) {
        out.append(" | ").append(PairedStats.medianAndRange(values(config, metric), metric.format()));
        if (config != AgentConfig.NONE) {
          out.append(" | ").append(ratio(config, metric));
        }
      }
      out.append(" |\n");
    }
    out.append("| Spans per request (median) | —");
    for (AgentConfig config : List.of(AgentConfig.WARREN, AgentConfig.OTEL)) {
      out.append(" | ").append(spansPerRequest(config)).append(" | ");
    }
    out.append(" |\n");
    out.append("\nEach value: median (min–max) over rounds. Each ratio: the geometric mean of the "
        + "per-round ratios (the agent's run ÷ the no-agent run of the same round) and its 95 % "
        + "interval. CPU: the app's process CPU time from the first measured request's start to "
        + "the last one's end (export included), ÷ requests. Latency: as the client saw it, "
        + "request sent to response read. Spans: what Zipkin stored of the run's service, per "
        + "request sent (warm-up included).\n");
    runs.stream().filter(r -> !r.ok()).forEach(r -> out.append("\n**Failed**: round ")
        .append(r.round()).append(' ').append(r.config().label).append(": ")
        .append(Report.firstLine(r.failure())).append('\n'));
    return out.toString();
  }

  private List<Run> okRuns(AgentConfig config) {
    return runs.stream().filter(r -> r.ok() && r.config() == config).toList();
  }

  private List<Double> values(AgentConfig config, Metric metric) {
    return okRuns(config).stream().map(metric.value()).toList();
  }

  private String ratio(AgentConfig config, Metric metric) {
    List<Double> ratios = new ArrayList<>();
    for (Run run : okRuns(config)) {
      okRuns(AgentConfig.NONE).stream().filter(base -> base.round() == run.round()).findFirst()
          .ifPresent(base -> ratios.add(metric.value().apply(run) / metric.value().apply(base)));
    }
    PairedStats.Interval interval = PairedStats.logRatioInterval(ratios);
    if (interval.n() == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "×%.2f", interval.geometricMean()) + (interval.n() < 2 ? ""
        : String.format(Locale.ROOT, " (%.2f–%.2f)", interval.low(), interval.high()));
  }

  private String spansPerRequest(AgentConfig config) {
    List<Double> perRequest = okRuns(config).stream().filter(r -> r.spans() != null)
        .map(r -> (double) r.spans().total() / (warmup + requests)).toList();
    if (perRequest.isEmpty()) {
      return "n/a";
    }
    Run last = okRuns(config).get(okRuns(config).size() - 1);
    return String.format(Locale.ROOT, "%.2f", PairedStats.median(perRequest))
        + (last.spans() == null ? "" : " (" + last.spans().messaging() + " publish + "
            + last.spans().otherNames() + " in the last round)");
  }


  private String csv() {
    StringBuilder out = new StringBuilder(
        "round,config,ok,requests_per_s,cpu_us_per_request,p50_ms,p99_ms,peak_rss_kib,"
            + "spans_publish,spans_other\n");
    for (Run r : runs) {
      out.append(r.round()).append(',').append(r.config().id).append(',').append(r.ok());
      if (r.ok()) {
        out.append(String.format(Locale.ROOT, ",%.1f,%.1f,%.4f,%.4f,%.0f", r.requestsPerSec(),
            r.cpuMicrosPerRequest(), r.p50Ms(), r.p99Ms(), r.workload().path("peakRssKiB")
                .asDouble()));
      } else {
        out.append(",,,,,");
      }
      out.append(r.spans() == null ? ",," : "," + r.spans().messaging() + "," + r.spans().other());
      out.append('\n');
    }
    return out.toString();
  }

  private static void log(String message) {
    System.out.println("[http-benchmark] " + message);
  }
}
