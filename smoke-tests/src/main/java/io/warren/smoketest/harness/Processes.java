package io.warren.smoketest.harness;

import java.util.concurrent.TimeUnit;

/** Stopping the servers the harness starts (Zipkin, Prometheus). */
final class Processes {
  private Processes() {}

  /** Asks the process to stop, and kills it if it has not within 15 s. */
  static void stop(Process process) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
