package io.warren.smoketest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.OtlpReceiver;
import io.warren.smoketest.harness.ZipkinServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The side-by-side overhead benchmark behind {@code smoke-tests/benchmark.sh}: the same
 * {@link Workload} with no agent, with Warren (exporting to Zipkin, and exporting over OTLP to
 * an {@link OtlpReceiver} in this JVM) and with the OpenTelemetry Java agent, against the
 * real broker and one real Zipkin. Each round runs every workload once per configuration,
 * back to back, so that a ratio to the no-agent run of the same round cancels most of what a
 * noisy machine does; the table reports medians over rounds. The {@link Mode#SPRING} run is the
 * Spring Boot 3 sample application ({@code smoke-tests/spring-app-src}, role {@code bench}) run
 * as a fat jar with {@code java -jar}: RabbitTemplate publishes, a @RabbitListener on Boot's
 * default container consumes, measured and reported as the roundtrip is.
 *
 * <p>Run from the repository root after {@code mvn -B -DskipTests install}. Options:
 * {@code --rounds=5 --messages=20000 --size=256 --chain-messages=5000 --spring-messages=5000
 * --warmup=1}.
 */
public final class OverheadBenchmark {
  /** The configurations compared by default; the steady benchmark's diagnostic ones are not. */
  private static final String DEFAULT_CONFIGS = "none,warren,warren-otlp,otel";

  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
  /** The Spring app's own deadline (--app.timeout-ms), like the Workload's 300 s. */
  private static final Duration SPRING_APP_TIMEOUT = Duration.ofMinutes(5);
  private static final int SPRING_WARMUP_MESSAGES = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  enum Mode {
    ROUNDTRIP, STARTUP, CHAIN, SPRING;

    String arg() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One process run; {@code spans} is null with no agent or when the run failed. */
  record Run(AgentConfig config, int round, Mode mode, String service, boolean ok, JsonNode workload,
      double processWallMs, long expectedSpans, SpanCount spans, String failure) {

    double field(String name) {
      return workload.path(name).asDouble();
    }
  }

  private final Path root;
  private final Path target;
  private final Path logs;
  private final Path builtSpringJar;
  private AgentConfig.Jars jars;
  private Path springJar;
  private final String classpath;
  private final int rounds;
  private final int messages;
  private final int size;
  private final int chainMessages;
  private final int springMessages;
  private final int warmup;
  /** What {@code --configs} names, the no-agent run first (every ratio is to it). */
  private final List<AgentConfig> configs;
  private final List<Run> runs = new ArrayList<>();
  private OtlpReceiver otlp;

  private OverheadBenchmark(Path root, Map<String, String> options) throws IOException {
    this.root = root;
    this.target = root.resolve("smoke-tests/target").toAbsolutePath().normalize();
    this.logs = target.resolve("benchmark-logs");
    this.builtSpringJar = root.resolve("smoke-tests/spring-boot-3-app/target/spring-app.jar")
        .toAbsolutePath().normalize();
    this.classpath = System.getProperty("bench.app.classes", target.resolve("classes").toString())
        + File.pathSeparator
        + Files.readString(target.resolve("app-classpath.txt")).trim();
    this.rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
    this.messages = Integer.parseInt(options.getOrDefault("messages", "20000"));
    this.size = Integer.parseInt(options.getOrDefault("size", "256"));
    this.chainMessages = Integer.parseInt(options.getOrDefault("chain-messages", "5000"));
    this.springMessages = Integer.parseInt(options.getOrDefault("spring-messages", "5000"));
    this.warmup = Integer.parseInt(options.getOrDefault("warmup", "1"));
    this.configs = new ArrayList<>(List.of(AgentConfig.NONE));
    for (String id : options.getOrDefault("configs", DEFAULT_CONFIGS).split(",")) {
      AgentConfig config = AgentConfig.byId(id);
      if (!configs.contains(config)) {
        configs.add(config);
      }
    }
    for (Path jar : List.of(builtSpringJar,
        target.resolve("zipkin/zipkin-server.jar"))) {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(jar + " is missing: run mvn -B -DskipTests install first");
      }
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchArgs.options(args, "usage: OverheadBenchmark [--rounds=5] [--messages=20000] [--size=256]"
            + " [--chain-messages=5000] [--spring-messages=5000] [--warmup=1]"
            + " [--configs=" + DEFAULT_CONFIGS + "]");
    Path root = BenchArgs.root();
    new OverheadBenchmark(root, options).run();
  }

  private void run() throws IOException {
    Files.createDirectories(logs);
    // Every run uses the jars as they were now, even if a build replaces them meanwhile.
    Path copies = Files.createDirectories(target.resolve("benchmark-agents"));
    jars = AgentConfig.Jars.copiedInto(root, copies);
    springJar = Files.copy(builtSpringJar, copies.resolve("spring-app.jar"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    if (System.getenv("MEM_MAX_SPANS") == null) {
      log("note: MEM_MAX_SPANS is not set; Zipkin keeps its default of 500000 spans in memory");
    }
    log("Starting Zipkin (log " + logs.resolve("zipkin.log") + ")");
    try (ZipkinServer zipkin =
        ZipkinServer.start(target.resolve("zipkin/zipkin-server.jar"), logs.resolve("zipkin.log"));
        OtlpReceiver receiver = OtlpReceiver.start()) {
      otlp = receiver;
      log("Zipkin at " + zipkin.baseUrl() + ", OTLP receiver at " + receiver.endpoint());
      for (int w = 1; w <= warmup; w++) {
        for (AgentConfig config : configs) {
          log("warm-up " + w + ": startup, " + config.label);
          runOnce(zipkin, config, -w, Mode.STARTUP);
          // The Spring app is another jar with other classes: warm it up too, on a short run.
          log("warm-up " + w + ": spring, " + config.label);
          runOnce(zipkin, config, -w, Mode.SPRING);
        }
      }
      for (int round = 1; round <= rounds; round++) {
        for (Mode mode : Mode.values()) {
          for (AgentConfig config : configs) {
            Run run = runOnce(zipkin, config, round, mode);
            runs.add(run);
            log(describe(run));
          }
        }
      }
    }
    log(Report.publish(target, "benchmark", report(), csv()));
  }

  private Run runOnce(ZipkinServer zipkin, AgentConfig config, int round, Mode mode) {
    String roundName = round > 0 ? "r" + round : "warmup" + (-round);
    String service = "bench-" + config.id + "-" + roundName + "-" + mode.arg();
    // Warm-up runs of the Spring app only need to load and run its code once.
    int springCount = round > 0 ? springMessages : Math.min(springMessages, SPRING_WARMUP_MESSAGES);
    AgentJvm jvm = mode == Mode.SPRING
        ? AgentJvm.jar(springJar)
        : AgentJvm.app(Workload.class.getName()).classpath(classpath);
    jvm.logDir(logs)
        .quickStart(false) // measure on the JVM users run: C1 and C2
        .name(roundName + "-" + config.id + "-" + mode.arg());
    switch (mode) {
      case ROUNDTRIP -> jvm.args("roundtrip", Integer.toString(messages), Integer.toString(size));
      case CHAIN -> jvm.args("chain", Integer.toString(chainMessages), Integer.toString(size));
      case STARTUP -> jvm.args("startup");
      // A queue of its own per run (non-durable, auto-delete: gone when the app exits).
      case SPRING -> jvm.args("--app.role=bench", "--app.bench-queue=" + service,
          "--app.count=" + springCount, "--app.size=" + size,
          "--app.timeout-ms=" + SPRING_APP_TIMEOUT.toMillis());
    }
    config.apply(jvm, jars, service, zipkin.spansEndpoint(), otlp.endpoint());
    long expected = switch (mode) {
      case ROUNDTRIP -> 2L * messages;
      case CHAIN -> 4L * chainMessages;
      case STARTUP -> 2;
      // Warren: a publish and a process span per message. The OpenTelemetry agent makes one
      // CONSUMER span more: its amqp-client instrumentation's span for the delivery to the
      // container's consumer, beside its spring-rabbit instrumentation's span for the listener.
      case SPRING -> (config == AgentConfig.OTEL ? 3L : 2L) * springCount;
    };
    AgentJvm.Result result;
    try {
      result = jvm.run(RUN_TIMEOUT);
    } catch (IllegalStateException e) {
      return new Run(config, round, mode, service, false, null, -1, expected, null, e.getMessage());
    }
    List<String> lines = result.linesStartingWith("WORKLOAD");
    if (result.exitCode() != 0 || lines.isEmpty()) {
      return new Run(config, round, mode, service, false, null, result.elapsed().toNanos() / 1e6,
          expected, null, result.describe());
    }
    JsonNode workload;
    try {
      workload = JSON.readTree(lines.get(lines.size() - 1));
    } catch (IOException e) {
      return new Run(config, round, mode, service, false, null, -1, expected, null, e.toString());
    }
    SpanCount spans = null;
    if (config == AgentConfig.WARREN_OTLP) {
      spans = SpanCount.await(() -> SpanCount.of(otlp.spansOf(service)), expected,
          Duration.ofSeconds(4), Duration.ofSeconds(60));
      otlp.forget(service);
    } else if (config != AgentConfig.NONE) {
      try {
        spans = SpanCount.await(zipkin.baseUrl(), service, expected, Duration.ofSeconds(4),
            Duration.ofSeconds(60));
      } catch (RuntimeException e) {
        log("could not count the spans of " + service + " (left out of the table): " + e);
      }
    }
    return new Run(config, round, mode, service, true, workload,
        result.elapsed().toNanos() / 1e6, expected, spans, null);
  }

  private static String describe(Run run) {
    String head = String.format(Locale.ROOT, "round %d %-9s %-20s", run.round(),
        run.mode().arg(), run.config().label);
    if (!run.ok()) {
      return head + " FAILED: " + run.failure();
    }
    String spans = run.spans() == null ? ""
        : String.format(Locale.ROOT, ", spans %d/%d (+%d other%s)", run.spans().messaging(),
            run.expectedSpans(), run.spans().other(),
            run.spans().otherNames().isEmpty() ? "" : ": " + run.spans().otherNames());
    String spring = run.mode() != Mode.SPRING ? ""
        : String.format(Locale.ROOT, ", start-up %.0f ms, %s with %d consumer(s), ack %s",
            run.field("startupMs"), run.workload().path("container").asText(),
            run.workload().path("consumers").asInt(), run.workload().path("ackMode").asText());
    return head + String.format(Locale.ROOT,
        " process %.0f ms, measured %.0f ms, %.0f msg/s, cpu %.0f ms, peak RSS %.1f MiB%s%s",
        run.processWallMs(), run.field("wallMs"), run.field("msgsPerSec"), run.field("cpuMs"),
        run.field("peakRssKiB") / 1024, spring, spans);
  }

  // ---- the report ----------------------------------------------------------------------------

  /** One row of the table: a number per (configuration, round). */
  private record Metric(String name, Mode mode, String format, Function<Run, Double> value) {}

  private List<Metric> metrics() {
    return List.of(
        new Metric("Roundtrip throughput (msg/s, higher is better)", Mode.ROUNDTRIP, "%.0f",
            r -> r.field("msgsPerSec")),
        new Metric("Roundtrip wall, measured part (ms)", Mode.ROUNDTRIP, "%.0f",
            r -> r.field("wallMs")),
        new Metric("Roundtrip CPU, measured part (ms)", Mode.ROUNDTRIP, "%.0f",
            r -> r.field("cpuMs")),
        new Metric("Roundtrip CPU, whole process (ms)", Mode.ROUNDTRIP, "%.0f",
            r -> r.field("processCpuMs")),
        new Metric("Roundtrip peak RSS (MiB)", Mode.ROUNDTRIP, "%.1f",
            r -> r.field("peakRssKiB") / 1024),
        new Metric("Chain throughput, two hops (msg/s)", Mode.CHAIN, "%.0f",
            r -> r.field("msgsPerSec")),
        new Metric("Startup wall, spawn to exit (ms)", Mode.STARTUP, "%.0f",
            Run::processWallMs),
        new Metric("Startup CPU, whole process (ms)", Mode.STARTUP, "%.0f",
            r -> r.field("processCpuMs")),
        new Metric("Startup peak RSS (MiB)", Mode.STARTUP, "%.1f",
            r -> r.field("peakRssKiB") / 1024),
        new Metric("Spring listener throughput (msg/s, higher is better)", Mode.SPRING, "%.0f",
            r -> r.field("msgsPerSec")),
        new Metric("Spring listener wall, measured part (ms)", Mode.SPRING, "%.0f",
            r -> r.field("wallMs")),
        new Metric("Spring listener CPU, measured part (ms)", Mode.SPRING, "%.0f",
            r -> r.field("cpuMs")),
        new Metric("Spring listener CPU, whole process (ms)", Mode.SPRING, "%.0f",
            r -> r.field("processCpuMs")),
        new Metric("Spring listener peak RSS (MiB)", Mode.SPRING, "%.1f",
            r -> r.field("peakRssKiB") / 1024),
        new Metric("Spring start-up, JVM start to first publish (ms)", Mode.SPRING, "%.0f",
            r -> r.field("startupMs")));
  }

  private String report() throws IOException {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "Overhead benchmark: %d interleaved rounds; roundtrip %d × %d B, chain %d × %d B, startup "
            + "1 message, Spring listener (Boot 3 fat jar) %d × %d B; Java %s, %d CPUs, %s.%n%n",
        rounds, messages, size, chainMessages, size, springMessages, size,
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), Instant.now().toString().substring(0, 16)));
    out.append("| Metric | no agent");
    for (AgentConfig config : agents()) {
      out.append(" | ").append(label(config)).append(" | ÷ no agent");
    }
    out.append(" |\n|---|---").append("|---|---".repeat(agents().size())).append("|\n");
    for (Metric metric : metrics()) {
      out.append("| ").append(metric.name());
      for (AgentConfig config : configs) {
        out.append(" | ").append(spread(values(config, metric), metric.format()));
        if (config != AgentConfig.NONE) {
          out.append(" | ").append(spread(ratios(config, metric), "×%.2f"));
        }
      }
      out.append(" |\n");
    }
    for (Mode mode : Mode.values()) {
      out.append("| Spans received / expected, ")
          .append(mode == Mode.SPRING ? "Spring listener" : mode.arg()).append(" | —");
      for (AgentConfig config : agents()) {
        out.append(" | ").append(spanCell(config, mode)).append(" | ");
      }
      out.append(" |\n");
    }
    out.append("| Agent jar (MiB) | —");
    for (AgentConfig config : agents()) {
      Path jar = switch (config) {
        case OTEL -> jars.otel();
        case WARREN_OTHER -> jars.other();
        default -> jars.warren();
      };
      out.append(" | ").append(mib(jar)).append(" | ");
    }
    out.append(" |\n");
    out.append("\nEach cell: median (min–max) over rounds. Ratios are per round (the agent's run ÷ "
        + "the no-agent run of the same round), then the median (min–max) of those ratios. "
        + "Measured part: first publish to last ack (Spring: to the listener's call for the last "
        + "message, which Boot's default container then acks). Spans: PRODUCER and CONSUMER spans "
        + "of the run's own service name that Zipkin stored (Warren OTLP: that the benchmark's "
        + "OTLP/HTTP receiver decoded) (2 per roundtrip, startup and Spring "
        + "message, 4 per chain message; the OpenTelemetry agent makes 3 per Spring message, its "
        + "amqp-client and its spring-rabbit instrumentation each making a CONSUMER span); +N "
        + "counts any other spans the agent made. Every JVM runs with the harness's flags "
        + "(-Xmx256m, otherwise the JVM's defaults).\n");
    long failed = runs.stream().filter(r -> !r.ok()).count();
    if (failed > 0) {
      out.append("\n**").append(failed).append(" run(s) failed** and are left out:\n");
      runs.stream().filter(r -> !r.ok()).forEach(r -> out.append("- round ").append(r.round())
          .append(' ').append(r.config().label).append(' ').append(r.mode().arg()).append(": ")
          .append(Report.firstLine(r.failure())).append('\n'));
    }
    return out.toString();
  }

  private Run find(AgentConfig config, int round, Mode mode) {
    for (Run run : runs) {
      if (run.config() == config && run.round() == round && run.mode() == mode && run.ok()) {
        return run;
      }
    }
    return null;
  }

  private List<Double> values(AgentConfig config, Metric metric) {
    List<Double> values = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      Run run = find(config, round, metric.mode());
      if (run != null) {
        values.add(metric.value().apply(run));
      }
    }
    return values;
  }

  private List<Double> ratios(AgentConfig config, Metric metric) {
    List<Double> ratios = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      Run run = find(config, round, metric.mode());
      Run base = find(AgentConfig.NONE, round, metric.mode());
      if (run != null && base != null && metric.value().apply(base) > 0) {
        ratios.add(metric.value().apply(run) / metric.value().apply(base));
      }
    }
    return ratios;
  }

  private String spanCell(AgentConfig config, Mode mode) {
    List<Double> messaging = new ArrayList<>();
    List<Double> other = new ArrayList<>();
    long expected = 0;
    for (int round = 1; round <= rounds; round++) {
      Run run = find(config, round, mode);
      if (run != null && run.spans() != null) {
        messaging.add((double) run.spans().messaging());
        other.add((double) run.spans().other());
        expected = run.expectedSpans();
      }
    }
    if (messaging.isEmpty()) {
      return "n/a";
    }
    String cell = spread(messaging, "%.0f") + " / " + expected
        + String.format(Locale.ROOT, " (%.1f %%)", 100 * PairedStats.median(messaging) / expected);
    if (PairedStats.median(other) > 0 || other.stream().anyMatch(v -> v > 0)) {
      cell += " +" + spread(other, "%.0f") + " other";
    }
    return cell;
  }

  private static String spread(List<Double> values, String format) {
    if (values.isEmpty()) {
      return "n/a";
    }
    double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    String median = String.format(Locale.ROOT, format, PairedStats.median(values));
    if (values.size() == 1 || String.format(Locale.ROOT, format, min)
        .equals(String.format(Locale.ROOT, format, max))) {
      return median;
    }
    return median + " (" + String.format(Locale.ROOT, format, min).replace("×", "") + "–"
        + String.format(Locale.ROOT, format, max).replace("×", "") + ")";
  }

  /** The configurations with an agent, in the order of {@code --configs}. */
  private List<AgentConfig> agents() {
    return configs.subList(1, configs.size());
  }

  /** The column's title; the OpenTelemetry agent's with the version its jar declares. */
  private String label(AgentConfig config) throws IOException {
    if (config != AgentConfig.OTEL) {
      return config.label;
    }
    String version = jars.otelVersion();
    return config.label + (version == null ? "" : " " + version);
  }

  private static String mib(Path jar) throws IOException {
    return String.format(Locale.ROOT, "%.1f", Files.size(jar) / (1024.0 * 1024.0));
  }

  private String csv() {
    StringBuilder out = new StringBuilder("round,config,mode,ok,process_wall_ms,wall_ms,msgs_per_s,"
        + "cpu_ms,process_cpu_ms,peak_rss_kib,spans_messaging,spans_other,spans_expected,"
        + "startup_ms\n");
    for (Run r : runs) {
      out.append(r.round()).append(',').append(r.config().id).append(',').append(r.mode().arg())
          .append(',').append(r.ok());
      if (r.ok()) {
        out.append(String.format(Locale.ROOT, ",%.1f,%.1f,%.1f,%.0f,%.0f,%.0f", r.processWallMs(),
            r.field("wallMs"), r.field("msgsPerSec"), r.field("cpuMs"), r.field("processCpuMs"),
            r.field("peakRssKiB")));
      } else {
        out.append(",,,,,,");
      }
      if (r.spans() != null) {
        out.append(',').append(r.spans().messaging()).append(',').append(r.spans().other())
            .append(',').append(r.expectedSpans());
      } else {
        out.append(",,,");
      }
      out.append(',');
      if (r.ok() && r.workload().has("startupMs")) {
        out.append(r.workload().path("startupMs").asLong());
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static void log(String message) {
    System.out.println("[benchmark] " + message);
  }
}
