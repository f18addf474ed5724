package io.warren.smoketest.bench;

import io.warren.bootstrap.MetricAttributes;
import io.warren.bootstrap.MetricInstrument;
import io.warren.bootstrap.MetricsBackend;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * What recording metrics costs per message, measured inside one JVM: during the steady workload's
 * window, Warren's metrics backend is taken out and put back in turn (phases of {@code phaseMs}),
 * and each pair of neighbouring phases gives one difference of CPU per message (the application's
 * threads, and the whole process, whose GC and JIT work lands in whichever phase it falls). Runs
 * compared across JVMs differ by several µs per message from JIT decisions and the machine's
 * other work alone; neighbouring phases of one JVM share both. With the backend out, {@code
 * Metrics.enabled()} is false and the modules measure nothing and send no origin header: exactly
 * Warren with metrics off. With {@value #AGAINST}{@code =dropping} the other phases have a backend
 * that drops every measurement instead: the modules do all their work, and what is left is the
 * recording itself (Warren's backend and its aggregation). Needs the agent with metrics on ({@code
 * otel.metrics.exporter}).
 */
final class MetricsToggle {

  /** The system property that turns it on, in milliseconds per phase. */
  static final String PHASE_MS = "bench.metrics-toggle-ms";
  /** {@code off} (the default) or {@code dropping}: what the phases without metrics install. */
  static final String AGAINST = "bench.metrics-toggle-against";

  // Typed Object and called by reflection: the workload also runs without the agent, where no
  // io.warren.bootstrap class exists, and a field or call typed with one would fail to verify.
  private final Method install;
  private final Object backend;
  private final Object without;
  private final long phaseNanos;

  private MetricsToggle(Method install, Object backend, Object without, long phaseMs) {
    this.install = install;
    this.backend = backend;
    this.without = without;
    this.phaseNanos = phaseMs * 1_000_000L;
  }

  /** Null unless {@value #PHASE_MS} is set; fails when the agent runs without metrics. */
  static MetricsToggle fromProperty() throws ReflectiveOperationException {
    Long phaseMs = Long.getLong(PHASE_MS);
    if (phaseMs == null) {
      return null;
    }
    // The agent's bootstrap classes are on the boot class path: visible to every class loader.
    Class<?> metrics = Class.forName("io.warren.bootstrap.Metrics", true, null);
    Field installed = metrics.getDeclaredField("backend");
    installed.setAccessible(true);
    Object backend = installed.get(null);
    Method enabled = metrics.getMethod("enabled");
    if (!(Boolean) enabled.invoke(null)) {
      throw new IllegalStateException(PHASE_MS + " needs Warren with metrics on");
    }
    Object without = System.getProperty(AGAINST, "off").equals("dropping") ? new DroppingBackend() : null;
    return new MetricsToggle(metrics.getMethod("install", installed.getType()), backend, without, phaseMs);
  }

  /**
   * Alternates until {@code deadline} (System.nanoTime), on-off then off-on, so that a drift over
   * the window cancels out; returns the JSON fields of the result.
   */
  String alternateUntil(long deadline, LongSupplier messages) throws ReflectiveOperationException {
    List<Double> app = new ArrayList<>();
    List<Double> process = new ArrayList<>();
    try {
      for (int pair = 0; System.nanoTime() + 2 * phaseNanos <= deadline; pair++) {
        boolean onFirst = pair % 2 == 0;
        double[] first = phase(onFirst, messages);
        double[] second = phase(!onFirst, messages);
        double[] on = onFirst ? first : second;
        double[] off = onFirst ? second : first;
        app.add(on[0] - off[0]);
        process.add(on[1] - off[1]);
      }
    } finally {
      install.invoke(null, backend);
    }
    return fields("App", app) + fields("Process", process);
  }

  private static String fields(String what, List<Double> added) {
    PairedStats.MeanInterval mean = PairedStats.meanInterval(added);
    return String.format(Locale.ROOT,
        ",\"toggle%sPairs\":%d,\"toggle%sAddedMedianUs\":%.3f,\"toggle%sAddedMeanUs\":%.3f,"
            + "\"toggle%sAddedLowUs\":%.3f,\"toggle%sAddedHighUs\":%.3f",
        what, mean.n(), what, PairedStats.median(added), what, mean.mean(), what, mean.low(), what, mean.high());
  }

  /**
   * One phase with metrics on or off: CPU per message published in it, in µs, of the
   * application's threads and of the process.
   */
  private double[] phase(boolean metricsOn, LongSupplier messages) throws ReflectiveOperationException {
    install.invoke(null, metricsOn ? backend : without);
    long start = System.nanoTime();
    long app = appCpuNanos();
    long cpu = ProcessStats.cpuNanos();
    long count = messages.getAsLong();
    long end = start + phaseNanos;
    for (long now = start; now < end; now = System.nanoTime()) {
      LockSupport.parkNanos(end - now);
    }
    double published = Math.max(1, messages.getAsLong() - count);
    return new double[] {
        (appCpuNanos() - app) / 1e3 / published, (ProcessStats.cpuNanos() - cpu) / 1e3 / published};
  }

  /** CPU time so far of the application's live Java threads (not this one), in ns. */
  private static long appCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (thread != null && thread.getThreadId() != Thread.currentThread().getId()
          && ProcessStats.groupOf(thread.getThreadName()).equals("app")) {
        total += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
      }
    }
    return total;
  }

  /** Metrics on, every measurement dropped. */
  private static final class DroppingBackend implements MetricsBackend {
    @Override
    public void add(MetricInstrument counter, MetricAttributes attributes, long value, Object span) {}

    @Override
    public void record(MetricInstrument histogram, MetricAttributes attributes, double value, Object span) {}
  }
}
