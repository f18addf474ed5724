package io.warren.smoketest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.DiscardingCollector;
import io.warren.smoketest.harness.ZipkinServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The steady-state overhead benchmark behind {@code smoke-tests/steady-benchmark.sh}: the
 * {@link SteadyWorkload} at fixed rates, with no agent, with Warren and with the OpenTelemetry
 * Java agent, each run in a fresh JVM, exporting live to one real Zipkin. For each round and
 * rate it runs the three configurations back to back, in an order that rotates from round to
 * round (so that a machine that slowly gets busier or quieter favours none of them); the three
 * runs of a rate in a round are void if any of them failed or fell behind its rate. The report
 * compares each agent's runs with the no-agent run of the same round and rate.
 *
 * <p>Run from the repository root after {@code mvn -B -DskipTests package}. Options:
 * {@code --rates=1000,2000,4000 --rounds=6 --warmup=30 --window=60 --size=256 --max-lag-ms=100
 * --configs=none,warren,otel}; the configurations {@code warren-unexported}, {@code
 * warren-discarded} and {@code warren-otlp-discarded} tell the cost of making spans and of
 * exporting them (to Zipkin's endpoint or over OTLP) apart from that of a backend on these cores;
 * {@code --warren-properties=key=value,...} adds settings to every Warren configuration's runs.
 */
public final class SteadyStateBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  /** Beyond warm-up and window: JVM and agent start, the drain, the exit. */
  private static final Duration RUN_SLACK = Duration.ofMinutes(3);

  private final Path target;
  private final Path logs;
  private final Path root;
  private final String classpath;
  private final SteadyPlan plan;
  private final List<SteadyRun> runs = new ArrayList<>();
  private AgentConfig.Jars jars;
  /** Where {@link AgentConfig#WARREN_DISCARDED} exports to. */
  private DiscardingCollector discarding;

  private SteadyStateBenchmark(Path root, SteadyPlan plan) throws IOException {
    this.target = root.resolve("smoke-tests/target").toAbsolutePath().normalize();
    this.logs = target.resolve("steady-benchmark-logs");
    this.root = root;
    this.plan = plan;
    this.classpath = target.resolve("classes") + File.pathSeparator
        + Files.readString(target.resolve("app-classpath.txt")).trim();
    if (!Files.isRegularFile(target.resolve("zipkin/zipkin-server.jar"))) {
      throw new IllegalStateException("the build is missing: run mvn -B -DskipTests package first");
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchArgs.options(args, SteadyPlan.USAGE);
    Path root = BenchArgs.root();
    SteadyPlan plan;
    try {
      plan = SteadyPlan.of(options);
    } catch (IllegalArgumentException e) { // a bad option (a number that is not one, too)
      System.err.println("steady-benchmark: " + e.getMessage());
      System.exit(2);
      return;
    }
    new SteadyStateBenchmark(root, plan).run();
  }

  private void run() throws IOException {
    Files.createDirectories(logs);
    // Every run uses the jars as they were now, even if a build replaces them meanwhile.
    jars = AgentConfig.Jars.copiedInto(root, target.resolve("steady-benchmark-agents"));
    String loadAtStart = SteadyReport.loadAverage();
    Path zipkinLog = logs.resolve("zipkin.log");
    log("load average " + loadAtStart + "; starting Zipkin (log " + zipkinLog + ")");
    try (ZipkinServer zipkin =
            ZipkinServer.start(target.resolve("zipkin/zipkin-server.jar"), zipkinLog);
        DiscardingCollector discarding = DiscardingCollector.start()) {
      log("Zipkin at " + zipkin.baseUrl());
      this.discarding = discarding;
      for (int round = 1; round <= plan.rounds(); round++) {
        for (int rate : plan.rates()) {
          for (int order = 0; order < plan.configs().size(); order++) {
            AgentConfig config = plan.configs().get((round - 1 + order) % plan.configs().size());
            SteadyRun run = runOnce(zipkin, round, rate, config, order);
            runs.add(run);
            log(describe(run));
          }
        }
      }
    }
    SteadyReport report = new SteadyReport(plan, runs, loadAtStart);
    log(Report.publish(target, "steady-benchmark", report.table(), report.csv()));
  }

  private SteadyRun runOnce(ZipkinServer zipkin, int round, int rate, AgentConfig config, int order) {
    String name = "r" + round + "-" + rate + "-" + config.id;
    AgentJvm jvm = AgentJvm.app(SteadyWorkload.class.getName()).classpath(classpath)
        .logDir(logs)
        .quickStart(false) // measure on the JVM users run: C1 and C2
        .name(name)
        .args(Integer.toString(rate), Integer.toString(plan.warmup()),
            Integer.toString(plan.window()), Integer.toString(plan.size()),
            Integer.toString(plan.maxLagMs()));
    // The same agent flags as the burst benchmark (OverheadBenchmark): defaults, 100 % sampling.
    config.apply(jvm, jars, "steady-" + name, config == AgentConfig.WARREN_DISCARDED
        ? discarding.spansEndpoint() : zipkin.spansEndpoint(), discarding.baseUrl());
    if (config != AgentConfig.NONE && config != AgentConfig.OTEL) {
      plan.warrenProperties().forEach(jvm::property);
    }
    long spansBefore = collectedSpans(zipkin, Duration.ZERO);
    AgentJvm.Result result;
    try {
      result = jvm.run(Duration.ofSeconds(plan.warmup() + plan.window()).plus(RUN_SLACK));
    } catch (IllegalStateException e) {
      return new SteadyRun(round, rate, config, order, null, -1, e.getMessage());
    }
    long spansAfter = collectedSpans(zipkin, Duration.ofSeconds(2));
    long spans = spansBefore < 0 || spansAfter < 0 ? -1 : spansAfter - spansBefore;
    List<String> lines = result.linesStartingWith("STEADY");
    if (result.exitCode() != 0 || lines.isEmpty()) {
      return new SteadyRun(round, rate, config, order, null, spans, result.describe());
    }
    try {
      return new SteadyRun(round, rate, config, order, JSON.readTree(lines.get(lines.size() - 1)), spans,
          null);
    } catch (IOException e) {
      return new SteadyRun(round, rate, config, order, null, spans, e.toString());
    }
  }

  /** Zipkin's collector count once quiet for {@code quiet}; -1 (and a log line) if unreadable. */
  private static long collectedSpans(ZipkinServer zipkin, Duration quiet) {
    try {
      return CollectedSpans.settled(zipkin.baseUrl(), quiet, Duration.ofSeconds(30));
    } catch (RuntimeException e) {
      log("could not read Zipkin's span count (left out of the table): " + e);
      return -1;
    }
  }

  private static String describe(SteadyRun run) {
    String head = String.format(Locale.ROOT, "round %d %5d msg/s %-20s", run.round(), run.rate(),
        run.config().label);
    if (!run.ok()) {
      return head + " FAILED: " + Report.firstLine(run.failure());
    }
    return head + String.format(Locale.ROOT,
        " cpu %.1f µs/msg, latency p50 %.0f p99 %.0f p99.9 %.0f µs, gc %d ms (%d), rss %.0f MiB"
            + " (peak %.0f), publisher at most %.1f ms late, spans %d for %d messages%s",
        run.field("cpuPerMsgUs"), run.field("p50Us"), run.field("p99Us"), run.field("p999Us"),
        (long) run.field("gcMs"), (long) run.field("gcCount"), run.field("rssKiB") / 1024,
        run.field("peakRssKiB") / 1024, run.field("maxLagMs"), run.spans(),
        (long) run.field("published"), run.keptUp() ? "" : " — " + run.whyVoid());
  }

  private static void log(String message) {
    System.out.println("[steady-benchmark " + LocalTime.now().format(CLOCK) + "] " + message);
  }
}
