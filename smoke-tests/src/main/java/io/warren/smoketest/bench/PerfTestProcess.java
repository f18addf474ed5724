package io.warren.smoketest.bench;

import java.util.Locale;

/**
 * The main class of {@link PerfTestBenchmark}'s runs: PerfTest's own main (on the class path from
 * smoke-tests/target/perftest), and, when its JVM begins to exit, one line with the CPU time the
 * process used and its peak resident memory, read by {@link ProcessStats} from inside:
 * {@code WORKLOAD {"cpuMs":..,"peakRssKiB":..}}. PerfTest is called by name so that this module
 * compiles without it.
 */
public final class PerfTestProcess {
  private PerfTestProcess() {}

  public static void main(String[] args) throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.printf(Locale.ROOT,
        "WORKLOAD {\"cpuMs\":%.1f,\"peakRssKiB\":%d}%n", ProcessStats.cpuNanos() / 1e6,
        ProcessStats.peakRssKiB()), "perftest-stats"));
    Class.forName("com.rabbitmq.perf.PerfTest").getMethod("main", String[].class)
        .invoke(null, (Object) args);
  }
}
