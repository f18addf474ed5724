package io.warren.smoketest.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
