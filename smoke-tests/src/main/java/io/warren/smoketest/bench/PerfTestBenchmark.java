package io.warren.smoketest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * RabbitMQ's own load tool, PerfTest, as a workload nobody here wrote, behind {@code
 * smoke-tests/perftest-benchmark.sh}: PerfTest with no agent, with Warren and with the
 * OpenTelemetry Java agent, against the real broker, each run with a Zipkin of its own (so that
 * every span of the run is still stored when counted). Each round runs every configuration once,
 * in an order that rotates from round to round; the table reports medians over rounds and, for
 * each agent, the per-round ratio to the no-agent run of the same round.
 *
 * <p>PerfTest runs at a fixed rate with one producer and one consumer, its defaults otherwise
 * (manual ack of each message, a server-named queue), {@code --size} byte messages, and stops once
 * the producer sent and the consumer received {@code --rate × --seconds} messages (its {@code -C}
 * and {@code -D}), so that spans per message have an exact denominator. Its JVM has the JVM's
 * default heap settings.
 *
 * <p>Run from the repository root after {@code mvn -B -DskipTests package} and {@code mvn -B -f
 * smoke-tests/perftest/pom.xml package}. Options: {@code --rounds=3 --seconds=30 --rate=2000
 * --size=256}.
 */
public final class PerfTestBenchmark {
  private static final List<AgentConfig> CONFIGS =
      List.of(AgentConfig.NONE, AgentConfig.WARREN, AgentConfig.OTEL);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One PerfTest run: what PerfTest printed, what its JVM measured, the spans Zipkin stored. */
  record Run(AgentConfig config, int round, boolean ok, PerfTestSummary summary, JsonNode stats,
      SpanCount spans, String failure) {

    double cpuSeconds() {
      return stats.path("cpuMs").asDouble() / 1000;
    }

    double peakRssMiB() {
      return stats.path("peakRssKiB").asDouble() / 1024;
    }
  }

  private final Path root;
  private final Path target;
  private final Path logs;
  private final String classpath;
  private final int rounds;
  private final int seconds;
  private final int rate;
  private final int size;
  private final long messages;
  private final List<Run> runs = new ArrayList<>();
  private AgentConfig.Jars jars;

  private PerfTestBenchmark(Path root, Map<String, String> options) throws IOException {
    this.root = root;
    this.target = root.resolve("smoke-tests/target").toAbsolutePath().normalize();
    this.logs = target.resolve("perftest-benchmark-logs");
    this.classpath = target.resolve("classes") + File.pathSeparator + perfTestJars(target);
    this.rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
    this.seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
    this.rate = Integer.parseInt(options.getOrDefault("rate", "2000"));
    this.size = Integer.parseInt(options.getOrDefault("size", "256"));
    this.messages = (long) rate * seconds;
  }

  private static String perfTestJars(Path target) throws IOException {
    Path folder = target.resolve("perftest");
    if (!Files.isDirectory(folder)) {
      throw new IllegalStateException(folder + " is missing: mvn -B -f smoke-tests/perftest/pom.xml"
          + " package");
    }
    try (Stream<Path> jars = Files.list(folder)) {
      return String.join(File.pathSeparator, jars.filter(p -> p.toString().endsWith(".jar"))
          .map(Path::toString).sorted().toList());
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchArgs.options(args, "usage: PerfTestBenchmark [--rounds=3] [--seconds=30] [--rate=2000]"
            + " [--size=256]");
    Path root = BenchArgs.root();
    new PerfTestBenchmark(root, options).run();
  }

  private void run() throws IOException {
    Files.createDirectories(logs);
    jars = AgentConfig.Jars.copiedInto(root, target.resolve("perftest-benchmark-agents"));
    for (int round = 1; round <= rounds; round++) {
      for (int i = 0; i < CONFIGS.size(); i++) {
        AgentConfig config = CONFIGS.get((i + round - 1) % CONFIGS.size());
        Run run = runOnce(config, round);
        runs.add(run);
        log(describe(run));
      }
    }
    log(Report.publish(target, "perftest-benchmark", report(), csv()));
  }

  private Run runOnce(AgentConfig config, int round) {
    String name = "r" + round + "-" + config.id + "-perftest";
    String service = "bench-" + name;
    try (ZipkinServer zipkin = ZipkinServer.start(target.resolve("zipkin/zipkin-server.jar"),
        logs.resolve(name + "-zipkin.log"))) {
      AgentJvm jvm = AgentJvm.app(PerfTestProcess.class.getName()).classpath(classpath)
          .logDir(logs).name(name)
          .quickStart(false) // the JVM users run: C1 and C2
          .maxHeap(null) // and its default heap
          .args("--uri", "amqp://guest:guest@127.0.0.1:5672", "--id", name,
              "--producers", "1", "--consumers", "1", "--rate", Integer.toString(rate),
              "--size", Integer.toString(size), "--pmessages", Long.toString(messages),
              "--cmessages", Long.toString(messages));
      config.apply(jvm, jars, service, zipkin.spansEndpoint(), null);
      AgentJvm.Result result = jvm.start().awaitExit(Duration.ofSeconds(seconds * 4L + 120));
      List<String> stats = result.linesStartingWith("WORKLOAD");
      if (result.exitCode() != 0 || stats.isEmpty()) {
        return failed(config, round, result.describe());
      }
      PerfTestSummary summary = PerfTestSummary.parse(result.stdout());
      JsonNode workload = JSON.readTree(stats.get(stats.size() - 1));
      SpanCount spans = config == AgentConfig.NONE ? null
          : SpanCount.await(zipkin.baseUrl(), service, 2 * messages, Duration.ofSeconds(5),
              Duration.ofSeconds(120));
      return new Run(config, round, true, summary, workload, spans, null);
    } catch (IOException | RuntimeException e) {
      return failed(config, round, e.toString());
    }
  }

  private static Run failed(AgentConfig config, int round, String why) {
    return new Run(config, round, false, null, null, null, why);
  }

  private String describe(Run run) {
    String head = String.format(Locale.ROOT, "round %d %-20s", run.round(), run.config().label);
    if (!run.ok()) {
      return head + " FAILED: " + Report.firstLine(run.failure());
    }
    return head + String.format(Locale.ROOT,
        " cpu %.1f s, peak RSS %.1f MiB, sent %.0f msg/s, latency min/median/75th/95th/99th %s ms%s",
        run.cpuSeconds(), run.peakRssMiB(), run.summary().sendingRate(),
        latencies(run.summary()), run.spans() == null ? ""
            : ", spans " + run.spans().kinds() + " " + run.spans().otherNames());
  }

  private static String latencies(PerfTestSummary summary) {
    return String.join("/", summary.latencyMs().stream()
        .map(ms -> String.format(Locale.ROOT, "%.2f", ms)).toList());
  }

  // ---- the report ----------------------------------------------------------------------------

  private record Metric(String name, String format, Function<Run, Double> value) {}

  private static List<Metric> metrics() {
    List<Metric> metrics = new ArrayList<>(List.of(
        new Metric("CPU of the run, user + sys (s)", "%.1f", Run::cpuSeconds),
        new Metric("Peak RSS (MiB)", "%.1f", Run::peakRssMiB)));
    for (int i = 0; i < PerfTestSummary.LATENCY_NAMES.size(); i++) {
      int index = i;
      metrics.add(new Metric("Consumer latency " + PerfTestSummary.LATENCY_NAMES.get(i) + " (ms)",
          "%.2f", r -> r.summary().latencyMs().get(index)));
    }
    return metrics;
  }

  private String report() throws IOException {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "PerfTest %s: %d interleaved rounds; 1 producer at %d msg/s and 1 consumer, %d messages of"
            + " %d B per run (%d s), PerfTest's defaults otherwise; JVM default heap; Java %s, %d"
            + " CPUs, %s.%n%n", perfTestVersion(), rounds, rate, messages, size, seconds,
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
        Instant.now().toString().substring(0, 16)));
    String otel = "OpenTelemetry agent " + jars.otelVersion();
    out.append("| Metric | no agent | Warren | Warren vs no agent | ").append(otel)
        .append(" | OTel vs no agent |\n|---|---|---|---|---|---|\n");
    for (Metric metric : metrics()) {
      out.append("| ").append(metric.name());
      for (AgentConfig config : CONFIGS) {
        out.append(" | ").append(PairedStats.medianAndRange(values(config, metric), metric.format()));
        if (config != AgentConfig.NONE) {
          out.append(" | ").append(metric.name().startsWith("Peak RSS")
              ? difference(config, metric) : ratio(config, metric));
        }
      }
      out.append(" |\n");
    }
    out.append("| Spans stored per message | —");
    for (AgentConfig config : List.of(AgentConfig.WARREN, AgentConfig.OTEL)) {
      out.append(" | ").append(spansPerMessage(config)).append(" | ");
    }
    out.append(" |\n| Every publish and delivery traced | —");
    for (AgentConfig config : List.of(AgentConfig.WARREN, AgentConfig.OTEL)) {
      out.append(" | ").append(everyMessageTraced(config)).append(" | ");
    }
    out.append(" |\n");
    out.append("\nEach value: median (min–max) over rounds. Each ratio: the geometric mean of the "
        + "per-round ratios (the agent's run ÷ the no-agent run of the same round) and its 95 % "
        + "interval; for peak RSS the median of the per-round differences instead. CPU: the "
        + "PerfTest JVM's process CPU time from its start until its shutdown began (export "
        + "included, the agents' last flush at exit not). Latency: PerfTest's own consumer latency"
        + " over the run, as it prints it at the end. Spans: what Zipkin stored of the run's "
        + "service ÷ messages published; traced: at least one PRODUCER span per message "
        + "published and one CONSUMER span per message received.\n");
    runs.stream().filter(r -> !r.ok()).forEach(r -> out.append("\n**Failed**: round ")
        .append(r.round()).append(' ').append(r.config().label).append(": ")
        .append(Report.firstLine(r.failure())).append('\n'));
    return out.toString();
  }

  private String perfTestVersion() {
    return Stream.of(classpath.split(File.pathSeparator)).map(p -> Path.of(p).getFileName()
        .toString()).filter(n -> n.startsWith("perf-test-")).findFirst()
        .map(n -> n.substring("perf-test-".length(), n.length() - ".jar".length())).orElse("?");
  }

  private List<Run> okRuns(AgentConfig config) {
    return runs.stream().filter(r -> r.ok() && r.config() == config).toList();
  }

  private List<Double> values(AgentConfig config, Metric metric) {
    return okRuns(config).stream().map(metric.value()).toList();
  }

  /** Each run of {@code config} with the no-agent run of the same round. */
  private List<Run[]> pairs(AgentConfig config) {
    List<Run[]> pairs = new ArrayList<>();
    for (Run run : okRuns(config)) {
      okRuns(AgentConfig.NONE).stream().filter(base -> base.round() == run.round()).findFirst()
          .ifPresent(base -> pairs.add(new Run[] {run, base}));
    }
    return pairs;
  }

  private String ratio(AgentConfig config, Metric metric) {
    PairedStats.Interval interval = PairedStats.logRatioInterval(pairs(config).stream()
        .map(p -> metric.value().apply(p[0]) / metric.value().apply(p[1])).toList());
    if (interval.n() == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "×%.2f", interval.geometricMean()) + (interval.n() < 2 ? ""
        : String.format(Locale.ROOT, " (%.2f–%.2f)", interval.low(), interval.high()));
  }

  private String difference(AgentConfig config, Metric metric) {
    List<Double> differences = pairs(config).stream()
        .map(p -> metric.value().apply(p[0]) - metric.value().apply(p[1])).toList();
    return differences.isEmpty() ? "n/a" : "+" + PairedStats.medianAndRange(differences, metric.format());
  }

  private String spansPerMessage(AgentConfig config) {
    List<Double> perMessage = okRuns(config).stream().filter(r -> r.spans() != null)
        .map(r -> (double) r.spans().total() / messages).toList();
    if (perMessage.isEmpty()) {
      return "n/a";
    }
    Run last = okRuns(config).get(okRuns(config).size() - 1);
    return PairedStats.medianAndRange(perMessage, "%.2f") + " (last round: " + last.spans().kinds()
        + (last.spans().otherNames().isEmpty() ? "" : ", other " + last.spans().otherNames()) + ")";
  }

  private String everyMessageTraced(AgentConfig config) {
    List<Run> counted = okRuns(config).stream().filter(r -> r.spans() != null).toList();
    if (counted.isEmpty()) {
      return "n/a";
    }
    long traced = counted.stream().filter(r -> r.spans().ofKind("PRODUCER") >= messages
        && r.spans().ofKind("CONSUMER") >= messages).count();
    return (traced == counted.size() ? "yes" : "no") + " (" + traced + " of " + counted.size()
        + " runs)";
  }


  private String csv() {
    StringBuilder out = new StringBuilder("round,config,ok,cpu_s,peak_rss_kib,sending_rate,"
        + "latency_min_ms,latency_median_ms,latency_75th_ms,latency_95th_ms,latency_99th_ms,"
        + "spans_producer,spans_consumer,spans_total\n");
    for (Run r : runs) {
      out.append(r.round()).append(',').append(r.config().id).append(',').append(r.ok());
      if (r.ok()) {
        out.append(String.format(Locale.ROOT, ",%.2f,%.0f,%.0f", r.cpuSeconds(),
            r.stats().path("peakRssKiB").asDouble(), r.summary().sendingRate()));
        r.summary().latencyMs().forEach(ms -> out.append(String.format(Locale.ROOT, ",%.3f", ms)));
      } else {
        out.append(",,,,,,,,");
      }
      out.append(r.spans() == null ? ",,," : "," + r.spans().ofKind("PRODUCER") + ","
          + r.spans().ofKind("CONSUMER") + "," + r.spans().total());
      out.append('\n');
    }
    return out.toString();
  }

  private static void log(String message) {
    System.out.println("[perftest-benchmark] " + message);
  }
}
