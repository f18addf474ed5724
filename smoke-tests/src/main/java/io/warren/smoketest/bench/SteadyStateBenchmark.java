package io.warren.smoketest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.DiscardingCollector;
import io.warren.smoketest.harness.ZipkinServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

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
  // The targets for Warren, judged against the no-agent runs.
  private static final double CPU_RATIO_TARGET = 1.05;
  private static final double P99_DELTA_TARGET_US = 250;
  private static final double RSS_DELTA_TARGET_MIB = 40;

  private static final ToDoubleFunction<Run> CPU = r -> r.field("cpuPerMsgUs");
  private static final ToDoubleFunction<Run> P50 = r -> r.field("p50Us");
  private static final ToDoubleFunction<Run> P99 = r -> r.field("p99Us");
  private static final ToDoubleFunction<Run> P999 = r -> r.field("p999Us");
  private static final ToDoubleFunction<Run> GC_MS = r -> r.field("gcMs");
  private static final ToDoubleFunction<Run> RSS_MIB = r -> r.field("rssKiB") / 1024;
  private static final ToDoubleFunction<Run> PEAK_MIB = r -> r.field("peakRssKiB") / 1024;
  private static final ToDoubleFunction<Run> SPANS_PER_MSG =
      r -> r.spans() < 0 ? Double.NaN : (double) r.spans() / r.field("published");

  /** One JVM run; {@code workload} is null when it failed. */
  record Run(int round, int rate, AgentConfig config, int order, JsonNode workload, long spans,
      String failure) {

    boolean ok() {
      return workload != null;
    }

    boolean keptUp() {
      return ok() && workload.path("keptUp").asBoolean();
    }

    double field(String name) {
      return workload.path(name).asDouble();
    }

    String whyVoid() {
      return !ok() ? "failed: " + Report.firstLine(failure)
          : keptUp() ? "" : workload.path("behind").asText();
    }
  }

  private final Path target;
  private final Path logs;
  private final Path root;
  private AgentConfig.Jars jars;
  /** Where {@link AgentConfig#WARREN_DISCARDED} exports to. */
  private DiscardingCollector discarding;
  private final String classpath;
  private final List<Integer> rates;
  private final List<AgentConfig> configs;
  private final int rounds;
  private final int warmup;
  private final int window;
  private final int size;
  private final int maxLagMs;
  /** Settings added to every Warren configuration's runs, to try one out side by side. */
  private final Map<String, String> warrenProperties = new LinkedHashMap<>();
  private final List<Run> runs = new ArrayList<>();
  private String loadAtStart;

  private SteadyStateBenchmark(Path root, Map<String, String> options) throws IOException {
    this.target = root.resolve("smoke-tests/target").toAbsolutePath().normalize();
    this.logs = target.resolve("steady-benchmark-logs");
    this.root = root;
    this.classpath = target.resolve("classes") + File.pathSeparator
        + Files.readString(target.resolve("app-classpath.txt")).trim();
    this.rates = Arrays.stream(options.getOrDefault("rates", "1000,2000,4000").split(","))
        .map(String::trim).map(Integer::parseInt).toList();
    this.configs = configs(options.getOrDefault("configs", "none,warren,otel"));
    this.rounds = Integer.parseInt(options.getOrDefault("rounds", "6"));
    this.warmup = Integer.parseInt(options.getOrDefault("warmup", "30"));
    this.window = Integer.parseInt(options.getOrDefault("window", "60"));
    this.size = Integer.parseInt(options.getOrDefault("size", "256"));
    this.maxLagMs = Integer.parseInt(options.getOrDefault("max-lag-ms", "100"));
    for (String setting : options.getOrDefault("warren-properties", "").split(",")) {
      int equals = setting.indexOf('=');
      if (equals > 0) {
        warrenProperties.put(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
      } else if (!setting.isBlank()) {
        throw new IllegalArgumentException("--warren-properties takes key=value,...: " + setting);
      }
    }
    if (!Files.isRegularFile(target.resolve("zipkin/zipkin-server.jar"))) {
      throw new IllegalStateException("the build is missing: run mvn -B -DskipTests package first");
    }
  }

  /** The configurations to run, in the enum's order; the no-agent one is required. */
  private static List<AgentConfig> configs(String ids) {
    List<AgentConfig> configs = new ArrayList<>();
    for (String id : ids.split(",")) {
      configs.add(AgentConfig.byId(id));
    }
    if (configs.contains(AgentConfig.WARREN_OTLP)) {
      // Its spans would be counted by a receiver in this JVM, which would hold them all.
      throw new IllegalArgumentException("warren-otlp runs only in the burst benchmark");
    }
    if (!configs.contains(AgentConfig.NONE)) {
      throw new IllegalArgumentException("--configs needs none: every figure is compared to it");
    }
    return configs.stream().distinct().sorted().toList();
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        System.err.println("usage: SteadyStateBenchmark [--rates=1000,2000,4000] [--rounds=6]"
            + " [--warmup=30] [--window=60] [--size=256] [--max-lag-ms=100]"
            + " [--configs=none,warren,otel] [--warren-properties=key=value,...]");
        System.exit(2);
      }
      options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    Path root = Files.isDirectory(Path.of("smoke-tests")) ? Path.of("") : Path.of("..");
    SteadyStateBenchmark benchmark;
    try {
      benchmark = new SteadyStateBenchmark(root, options);
    } catch (IllegalArgumentException e) { // a bad option (a number that is not one, too)
      System.err.println("steady-benchmark: " + e.getMessage());
      System.exit(2);
      return;
    }
    benchmark.run();
  }

  private void run() throws IOException {
    Files.createDirectories(logs);
    // Every run uses the jars as they were now, even if a build replaces them meanwhile.
    jars = AgentConfig.Jars.copiedInto(root, target.resolve("steady-benchmark-agents"));
    loadAtStart = loadAverage();
    Path zipkinLog = logs.resolve("zipkin.log");
    log("load average " + loadAtStart + "; starting Zipkin (log " + zipkinLog + ")");
    try (ZipkinServer zipkin =
            ZipkinServer.start(target.resolve("zipkin/zipkin-server.jar"), zipkinLog);
        DiscardingCollector discarding = DiscardingCollector.start()) {
      log("Zipkin at " + zipkin.baseUrl());
      this.discarding = discarding;
      for (int round = 1; round <= rounds; round++) {
        for (int rate : rates) {
          for (int order = 0; order < configs.size(); order++) {
            AgentConfig config = configs.get((round - 1 + order) % configs.size());
            Run run = runOnce(zipkin, round, rate, config, order);
            runs.add(run);
            log(describe(run));
          }
        }
      }
    }
    log(Report.publish(target, "steady-benchmark", report(), csv()));
  }

  private Run runOnce(ZipkinServer zipkin, int round, int rate, AgentConfig config, int order) {
    String name = "r" + round + "-" + rate + "-" + config.id;
    AgentJvm jvm = AgentJvm.app(SteadyWorkload.class.getName()).classpath(classpath)
        .logDir(logs)
        .quickStart(false) // measure on the JVM users run: C1 and C2
        .name(name)
        .args(Integer.toString(rate), Integer.toString(warmup), Integer.toString(window),
            Integer.toString(size), Integer.toString(maxLagMs));
    // The same agent flags as the burst benchmark (OverheadBenchmark): defaults, 100 % sampling.
    config.apply(jvm, jars, "steady-" + name, config == AgentConfig.WARREN_DISCARDED
        ? discarding.spansEndpoint() : zipkin.spansEndpoint(), discarding.baseUrl());
    if (config != AgentConfig.NONE && config != AgentConfig.OTEL) {
      warrenProperties.forEach(jvm::property);
    }
    long spansBefore = collectedSpans(zipkin, Duration.ZERO);
    AgentJvm.Result result;
    try {
      result = jvm.run(Duration.ofSeconds(warmup + window).plus(RUN_SLACK));
    } catch (IllegalStateException e) {
      return new Run(round, rate, config, order, null, -1, e.getMessage());
    }
    long spansAfter = collectedSpans(zipkin, Duration.ofSeconds(2));
    long spans = spansBefore < 0 || spansAfter < 0 ? -1 : spansAfter - spansBefore;
    List<String> lines = result.linesStartingWith("STEADY");
    if (result.exitCode() != 0 || lines.isEmpty()) {
      return new Run(round, rate, config, order, null, spans, result.describe());
    }
    try {
      return new Run(round, rate, config, order, JSON.readTree(lines.get(lines.size() - 1)), spans,
          null);
    } catch (IOException e) {
      return new Run(round, rate, config, order, null, spans, e.toString());
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

  private static String describe(Run run) {
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

  // ---- the report ----------------------------------------------------------------------------

  /** The runs of one rate and round, or null when they are void. */
  private Map<AgentConfig, Run> triple(int round, int rate) {
    Map<AgentConfig, Run> triple = new HashMap<>();
    for (Run run : runs) {
      if (run.round() == round && run.rate() == rate) {
        if (!run.keptUp()) {
          return null;
        }
        triple.put(run.config(), run);
      }
    }
    return triple.size() == configs.size() ? triple : null;
  }

  private List<Map<AgentConfig, Run>> validTriples(int rate) {
    List<Map<AgentConfig, Run>> valid = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      Map<AgentConfig, Run> triple = triple(round, rate);
      if (triple != null) {
        valid.add(triple);
      }
    }
    return valid;
  }

  private static List<Double> values(List<Map<AgentConfig, Run>> triples, AgentConfig config,
      ToDoubleFunction<Run> value) {
    return triples.stream().map(t -> value.applyAsDouble(t.get(config))).toList();
  }

  private static List<Double> ratios(List<Map<AgentConfig, Run>> triples, AgentConfig config,
      ToDoubleFunction<Run> value) {
    return triples.stream().map(t -> value.applyAsDouble(t.get(config))
        / value.applyAsDouble(t.get(AgentConfig.NONE))).toList();
  }

  private static List<Double> deltas(List<Map<AgentConfig, Run>> triples, AgentConfig config,
      ToDoubleFunction<Run> value) {
    return triples.stream().map(t -> value.applyAsDouble(t.get(config))
        - value.applyAsDouble(t.get(AgentConfig.NONE))).toList();
  }

  private String report() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "Steady-state benchmark: %s msg/s, %d rounds, warm-up %d s, window %d s, %d B messages, "
            + "fell behind = over %d ms of messages undelivered at the window's end; Java %s, "
            + "%d CPUs, %s; load average %s at the start, %s at the end.%n%n",
        rates.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse(""), rounds,
        warmup, window, size, maxLagMs, System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), Instant.now().toString().substring(0, 16),
        loadAtStart, loadAverage()));
    if (!warrenProperties.isEmpty()) {
      out.append("Every Warren run with ").append(warrenProperties).append(".\n\n");
    }
    out.append("| Rate (msg/s) | Agent | Valid rounds | CPU/msg (µs) | CPU/msg ÷ no agent,"
        + " 95 % interval | p50 (µs) | p99 (µs) | p99.9 (µs) | GC in window (ms) | RSS at end"
        + " (MiB) | Peak RSS (MiB) | Spans per message |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (int rate : rates) {
      List<Map<AgentConfig, Run>> valid = validTriples(rate);
      for (AgentConfig config : configs) {
        boolean agent = config != AgentConfig.NONE;
        out.append("| ").append(rate).append(" | ").append(config.label).append(" | ")
            .append(valid.size()).append('/').append(rounds);
        out.append(" | ").append(cell(valid, config, CPU, "%.1f", false));
        out.append(" | ").append(agent ? ratioCell(ratios(valid, config, CPU)) : "—");
        for (ToDoubleFunction<Run> metric : List.of(P50, P99, P999)) {
          out.append(" | ").append(cell(valid, config, metric, "%.0f", agent));
        }
        out.append(" | ").append(cell(valid, config, GC_MS, "%.0f", agent));
        out.append(" | ").append(cell(valid, config, RSS_MIB, "%.0f", agent));
        out.append(" | ").append(cell(valid, config, PEAK_MIB, "%.0f", agent));
        out.append(" | ").append(agent ? cell(valid, config, SPANS_PER_MSG, "%.2f", false) : "—");
        out.append(" |\n");
      }
    }
    out.append("\nEach cell: the median over valid rounds; (+N) after it is the median of the "
        + "per-round differences to the no-agent run of the same round. CPU/msg ÷ no agent: the "
        + "geometric mean of the per-round ratios with its 95 % t-interval (on the logarithms of "
        + "the ratios), then the median ratio. CPU: the process's CPU time over the window ÷ the "
        + "messages due in it. Latency: from a message's due time on the publisher's schedule to "
        + "the start of its delivery to the consumer. GC: the collection time the JVM's "
        + "collectors report for the window (on Java 17 with G1: its pauses). Spans per message: "
        + "spans Zipkin's collector received during the run ÷ messages published (warm-up and "
        + "window). A round of a rate is void when any of its runs failed or fell behind.\n");
    out.append(cpuByThreadGroup());
    if (configs.contains(AgentConfig.WARREN)) {
      out.append(targets());
    }
    List<Run> bad = runs.stream().filter(r -> !r.keptUp()).toList();
    if (!bad.isEmpty()) {
      out.append("\n**").append(bad.size()).append(" run(s) failed or fell behind**; their "
          + "rounds are left out:\n");
      bad.forEach(r -> out.append("- round ").append(r.round()).append(", ").append(r.rate())
          .append(" msg/s, ").append(r.config().label).append(": ").append(r.whyVoid())
          .append('\n'));
    }
    return out.toString();
  }

  /** Which threads spend the CPU per message: the profile behind the CPU ratio. */
  private String cpuByThreadGroup() {
    StringBuilder out = new StringBuilder("\nWhere the CPU per message goes (µs, median over valid "
        + "rounds; (+N): median difference to the no-agent run):\n\n| Rate (msg/s) | Agent |");
    for (String group : ProcessStats.THREAD_GROUPS) {
      out.append(' ').append(group).append(" |");
    }
    out.append("\n|---|---|").append("---|".repeat(ProcessStats.THREAD_GROUPS.length)).append('\n');
    for (int rate : rates) {
      List<Map<AgentConfig, Run>> valid = validTriples(rate);
      for (AgentConfig config : configs) {
        out.append("| ").append(rate).append(" | ").append(config.label).append(" |");
        for (String group : ProcessStats.THREAD_GROUPS) {
          String field = "cpuPerMsgUs" + Character.toUpperCase(group.charAt(0)) + group.substring(1);
          out.append(' ').append(cell(valid, config, r -> r.field(field), "%.1f",
              config != AgentConfig.NONE)).append(" |");
        }
        out.append('\n');
      }
    }
    out.append("\napp: the application's threads (publisher, consumer, the client's connection"
        + " thread); export: the agent's span processor and exporter threads; jit: the JIT"
        + " compilers (the rest of the process's CPU: the JVM stops idle compiler threads, and a"
        + " thread that ended is no longer listed); gc: the collector's threads; jvm: the JVM's other threads. From"
        + " /proc/<pid>/task, in 10 ms ticks, over the window.\n");
    return out.toString();
  }

  /** Warren against the targets, on the upper end of the interval and on the median. */
  private String targets() {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "%nWarren against the targets (CPU/msg ≤ ×%.2f, p99 ≤ +%.0f µs, peak RSS ≤ +%.0f MiB "
            + "over the no-agent run):%n%n", CPU_RATIO_TARGET, P99_DELTA_TARGET_US,
        RSS_DELTA_TARGET_MIB));
    out.append("| Rate (msg/s) | CPU/msg: interval's upper end | CPU/msg: median ratio "
        + "| p99: median Δ | Peak RSS: median Δ |\n|---|---|---|---|---|\n");
    for (int rate : rates) {
      List<Map<AgentConfig, Run>> valid = validTriples(rate);
      if (valid.isEmpty()) {
        out.append("| ").append(rate).append(" | no valid round | | | |\n");
        continue;
      }
      List<Double> cpu = ratios(valid, AgentConfig.WARREN, CPU);
      double upper = PairedStats.logRatioInterval(cpu).high();
      double median = PairedStats.median(cpu);
      double p99 = PairedStats.median(deltas(valid, AgentConfig.WARREN, P99));
      double rss = PairedStats.median(deltas(valid, AgentConfig.WARREN, PEAK_MIB));
      out.append("| ").append(rate)
          .append(" | ").append(Double.isNaN(upper) ? "n/a (one round)"
              : verdict(String.format(Locale.ROOT, "×%.3f", upper), upper <= CPU_RATIO_TARGET))
          .append(" | ").append(verdict(String.format(Locale.ROOT, "×%.3f", median),
              median <= CPU_RATIO_TARGET))
          .append(" | ").append(verdict(String.format(Locale.ROOT, "%+.0f µs", p99),
              p99 <= P99_DELTA_TARGET_US))
          .append(" | ").append(verdict(String.format(Locale.ROOT, "%+.1f MiB", rss),
              rss <= RSS_DELTA_TARGET_MIB))
          .append(" |\n");
    }
    return out.toString();
  }

  private static String verdict(String value, boolean met) {
    return value + (met ? " ✓" : " ✗");
  }

  private static String cell(List<Map<AgentConfig, Run>> valid, AgentConfig config,
      ToDoubleFunction<Run> metric, String format, boolean withDelta) {
    // A run whose spans could not be counted has NaN spans per message.
    List<Double> values =
        values(valid, config, metric).stream().filter(v -> !v.isNaN()).toList();
    if (values.isEmpty()) {
      return "n/a";
    }
    String cell = String.format(Locale.ROOT, format, PairedStats.median(values));
    if (withDelta) {
      cell += String.format(Locale.ROOT, " (" + format.replace("%", "%+") + ")",
          PairedStats.median(deltas(valid, config, metric)));
    }
    return cell;
  }

  private static String ratioCell(List<Double> ratios) {
    if (ratios.isEmpty()) {
      return "n/a";
    }
    PairedStats.Interval interval = PairedStats.logRatioInterval(ratios);
    String median = String.format(Locale.ROOT, "median ×%.2f", PairedStats.median(ratios));
    if (interval.n() < 2) {
      return String.format(Locale.ROOT, "×%.2f (one round)", interval.geometricMean());
    }
    return String.format(Locale.ROOT, "×%.3f (%.3f–%.3f); %s", interval.geometricMean(),
        interval.low(), interval.high(), median);
  }

  private String csv() {
    StringBuilder out = new StringBuilder("round,rate,config,order,ok,kept_up,messages,published,"
        + "cpu_ms,cpu_per_msg_us,p50_us,p99_us,p999_us,max_us,gc_count,gc_ms,rss_kib,peak_rss_kib,"
        + "max_lag_ms,behind_at_end,heap_committed_kib,non_heap_committed_kib,cpu_app_us,cpu_export_us,"
        + "cpu_jit_us,cpu_gc_us,cpu_jvm_us,spans,void_reason\n");
    for (Run r : runs) {
      out.append(r.round()).append(',').append(r.rate()).append(',').append(r.config().id)
          .append(',').append(r.order()).append(',').append(r.ok()).append(',').append(r.keptUp());
      for (String field : List.of("messages", "published", "cpuMs", "cpuPerMsgUs", "p50Us", "p99Us",
          "p999Us", "maxUs", "gcCount", "gcMs", "rssKiB", "peakRssKiB", "maxLagMs",
          "behindAtEnd", "heapCommittedKiB", "nonHeapCommittedKiB", "cpuPerMsgUsApp",
          "cpuPerMsgUsExport", "cpuPerMsgUsJit", "cpuPerMsgUsGc", "cpuPerMsgUsJvm")) {
        out.append(',');
        if (r.ok()) {
          out.append(r.workload().path(field).asText());
        }
      }
      out.append(',').append(r.spans() >= 0 ? Long.toString(r.spans()) : "")
          .append(",\"").append(r.whyVoid().replace("\"", "'")).append("\"\n");
    }
    return out.toString();
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  private static void log(String message) {
    System.out.println("[steady-benchmark " + LocalTime.now().format(CLOCK) + "] " + message);
  }
}
