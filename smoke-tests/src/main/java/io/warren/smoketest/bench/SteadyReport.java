package io.warren.smoketest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The steady-state benchmark's report from its runs: for each rate, the runs of a round are
 * compared with the no-agent run of the same round (a round is void if any of its runs failed or
 * fell behind); the medians, the CPU ratio's interval, where the CPU goes by thread group, and
 * Warren against the targets. Nothing here runs a process.
 */
final class SteadyReport {
  // The targets for Warren, judged against the no-agent runs.
  private static final double CPU_RATIO_TARGET = 1.05;
  private static final double P99_DELTA_TARGET_US = 250;
  private static final double RSS_DELTA_TARGET_MIB = 40;

  private static final ToDoubleFunction<SteadyRun> CPU = r -> r.field("cpuPerMsgUs");
  private static final ToDoubleFunction<SteadyRun> P50 = r -> r.field("p50Us");
  private static final ToDoubleFunction<SteadyRun> P99 = r -> r.field("p99Us");
  private static final ToDoubleFunction<SteadyRun> P999 = r -> r.field("p999Us");
  private static final ToDoubleFunction<SteadyRun> GC_MS = r -> r.field("gcMs");
  private static final ToDoubleFunction<SteadyRun> RSS_MIB = r -> r.field("rssKiB") / 1024;
  private static final ToDoubleFunction<SteadyRun> PEAK_MIB = r -> r.field("peakRssKiB") / 1024;
  private static final ToDoubleFunction<SteadyRun> SPANS_PER_MSG =
      r -> r.spans() < 0 ? Double.NaN : (double) r.spans() / r.field("published");

  private final SteadyPlan plan;
  private final List<SteadyRun> runs;
  private final String loadAtStart;

  SteadyReport(SteadyPlan plan, List<SteadyRun> runs, String loadAtStart) {
    this.plan = plan;
    this.runs = runs;
    this.loadAtStart = loadAtStart;
  }

  /** The runs of one rate and round, or null when they are void. */
  private Map<AgentConfig, SteadyRun> triple(int round, int rate) {
    Map<AgentConfig, SteadyRun> triple = new HashMap<>();
    for (SteadyRun run : runs) {
      if (run.round() == round && run.rate() == rate) {
        if (!run.keptUp()) {
          return null;
        }
        triple.put(run.config(), run);
      }
    }
    return triple.size() == plan.configs().size() ? triple : null;
  }

  private List<Map<AgentConfig, SteadyRun>> validTriples(int rate) {
    List<Map<AgentConfig, SteadyRun>> valid = new ArrayList<>();
    for (int round = 1; round <= plan.rounds(); round++) {
      Map<AgentConfig, SteadyRun> triple = triple(round, rate);
      if (triple != null) {
        valid.add(triple);
      }
    }
    return valid;
  }

  private static List<Double> values(List<Map<AgentConfig, SteadyRun>> triples, AgentConfig config,
      ToDoubleFunction<SteadyRun> value) {
    return triples.stream().map(t -> value.applyAsDouble(t.get(config))).toList();
  }

  private static List<Double> ratios(List<Map<AgentConfig, SteadyRun>> triples, AgentConfig config,
      ToDoubleFunction<SteadyRun> value) {
    return triples.stream().map(t -> value.applyAsDouble(t.get(config))
        / value.applyAsDouble(t.get(AgentConfig.NONE))).toList();
  }

  private static List<Double> deltas(List<Map<AgentConfig, SteadyRun>> triples, AgentConfig config,
      ToDoubleFunction<SteadyRun> value) {
    return triples.stream().map(t -> value.applyAsDouble(t.get(config))
        - value.applyAsDouble(t.get(AgentConfig.NONE))).toList();
  }

  /** The tables, as Markdown. */
  String table() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "Steady-state benchmark: %s msg/s, %d rounds, warm-up %d s, window %d s, %d B messages, "
            + "fell behind = over %d ms of messages undelivered at the window's end; Java %s, "
            + "%d CPUs, %s; load average %s at the start, %s at the end.%n%n",
        plan.rates().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse(""), plan.rounds(),
        plan.warmup(), plan.window(), plan.size(), plan.maxLagMs(), System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), Instant.now().toString().substring(0, 16),
        loadAtStart, loadAverage()));
    if (!plan.warrenProperties().isEmpty()) {
      out.append("Every Warren run with ").append(plan.warrenProperties()).append(".\n\n");
    }
    out.append("| Rate (msg/s) | Agent | Valid rounds | CPU/msg (µs) | CPU/msg ÷ no agent,"
        + " 95 % interval | p50 (µs) | p99 (µs) | p99.9 (µs) | GC in window (ms) | RSS at end"
        + " (MiB) | Peak RSS (MiB) | Spans per message |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (int rate : plan.rates()) {
      List<Map<AgentConfig, SteadyRun>> valid = validTriples(rate);
      for (AgentConfig config : plan.configs()) {
        boolean agent = config != AgentConfig.NONE;
        out.append("| ").append(rate).append(" | ").append(config.label).append(" | ")
            .append(valid.size()).append('/').append(plan.rounds());
        out.append(" | ").append(cell(valid, config, CPU, "%.1f", false));
        out.append(" | ").append(agent ? ratioCell(ratios(valid, config, CPU)) : "—");
        for (ToDoubleFunction<SteadyRun> metric : List.of(P50, P99, P999)) {
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
    if (plan.configs().contains(AgentConfig.WARREN)) {
      out.append(targets());
    }
    List<SteadyRun> bad = runs.stream().filter(r -> !r.keptUp()).toList();
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
    for (int rate : plan.rates()) {
      List<Map<AgentConfig, SteadyRun>> valid = validTriples(rate);
      for (AgentConfig config : plan.configs()) {
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
    for (int rate : plan.rates()) {
      List<Map<AgentConfig, SteadyRun>> valid = validTriples(rate);
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

  private static String cell(List<Map<AgentConfig, SteadyRun>> valid, AgentConfig config,
      ToDoubleFunction<SteadyRun> metric, String format, boolean withDelta) {
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

  /** Every run, one line each. */
  String csv() {
    StringBuilder out = new StringBuilder("round,rate,config,order,ok,kept_up,messages,published,"
        + "cpu_ms,cpu_per_msg_us,p50_us,p99_us,p999_us,max_us,gc_count,gc_ms,rss_kib,peak_rss_kib,"
        + "max_lag_ms,behind_at_end,heap_committed_kib,non_heap_committed_kib,cpu_app_us,cpu_export_us,"
        + "cpu_jit_us,cpu_gc_us,cpu_jvm_us,spans,void_reason\n");
    for (SteadyRun r : runs) {
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

  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
