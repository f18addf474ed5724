package io.warren.smoketest.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a benchmark application reads about its own process: CPU time and resident memory. */
final class ProcessStats {
  private ProcessStats() {}

  /** CPU time of every thread of this process so far, in ns; -1 when the JVM does not say. */
  static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** The groups of threads {@link #cpuNanosByGroup} sums, in the order reports show them. */
  static final String[] THREAD_GROUPS = {"app", "export", "jit", "gc", "jvm"};

  /**
   * CPU time so far of the live threads of this process, summed by what they do, in ns: the
   * application's own threads ("app"), an agent's export and other background threads
   * ("export"), the JIT compilers ("jit"), the garbage collector ("gc"), the JVM's other threads
   * ("jvm"). Read from /proc (utime + stime, in clock ticks of 10 ms); empty off Linux. A thread
   * that ended is no longer listed.
   */
  static Map<String, Long> cpuNanosByGroup() {
    Map<String, Long> groups = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim();
          String stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
          // Fields after the name in parentheses: state is field 3, utime 14 and stime 15.
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          groups.merge(groupOf(name), ticks * 10_000_000L, Long::sum);
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return groups;
  }

  /** The group of a thread by its native name (the Java name, cut to 15 characters). */
  static String groupOf(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("batchspanproc") || lower.startsWith("warren") || lower.startsWith("okhttp")
        || lower.startsWith("otel") || lower.startsWith("zipkin") || lower.startsWith("httpclient")) {
      return "export";
    }
    if (lower.contains("compilerthre")) {
      return "jit";
    }
    if (lower.startsWith("gc thread") || lower.startsWith("g1 ")) {
      return "gc";
    }
    if (lower.startsWith("vm ") || lower.equals("common-cleaner") || lower.startsWith("signal dispat")
        || lower.equals("finalizer") || lower.startsWith("reference hand") || lower.startsWith("sweeper")
        || lower.startsWith("service thread") || lower.startsWith("monitor deflat")
        || lower.startsWith("notification") || lower.startsWith("attach listen")) {
      return "jvm";
    }
    return "app"; // and "java", the main thread
  }

  /** Resident memory now (VmRSS), in KiB; -1 off Linux. */
  static long rssKiB() {
    return statusKiB("VmRSS:");
  }

  /** The most resident memory this process has had (VmHWM), in KiB; -1 off Linux. */
  static long peakRssKiB() {
    return statusKiB("VmHWM:");
  }

  private static long statusKiB(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }
}
