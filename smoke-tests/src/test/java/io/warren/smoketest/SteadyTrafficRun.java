package io.warren.smoketest;

import io.warren.smoketest.apps.SteadyTraffic;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.Logs;
import io.warren.smoketest.harness.Pause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** A running {@link SteadyTraffic} process, watched through its stdout while it runs. */
final class SteadyTrafficRun {
  private final AgentJvm.Running running;
  private final Path stdout;
  private final Path stopFile;
  private final String idPrefix;

  private SteadyTrafficRun(AgentJvm.Running running, Path stdout, Path stopFile, String idPrefix) {
    this.running = running;
    this.stdout = stdout;
    this.stopFile = stopFile;
    this.idPrefix = idPrefix;
  }

  /** Starts {@code jvm} (SteadyTraffic, with or without the agent) on {@code queue}. */
  static SteadyTrafficRun start(AgentJvm jvm, Path logDir, String name, String queue,
      String idPrefix) {
    Path stopFile = logDir.resolve(name + ".stop");
    try {
      Files.createDirectories(logDir);
      Files.deleteIfExists(stopFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AgentJvm.Running running = jvm.name(name).args("--queue=" + queue, "--id-prefix=" + idPrefix,
        "--stop-file=" + stopFile, "--interval-ms=20").start();
    return new SteadyTrafficRun(running, logDir.resolve(name + ".out"), stopFile, idPrefix);
  }

  String idPrefix() {
    return idPrefix;
  }

  long pid() {
    return running.pid();
  }

  List<String> output() {
    return Logs.lines(stdout);
  }

  /** The number n of the last message confirmed so far ({@code SENT-ID <prefix>-<n>}), or 0. */
  int lastSent() {
    List<String> sent = output().stream().filter(l -> l.startsWith("SENT-ID ")).toList();
    return sent.isEmpty() ? 0 : number(sent.get(sent.size() - 1).substring("SENT-ID ".length()));
  }

  int number(String messageId) {
    return Integer.parseInt(messageId.substring(idPrefix.length() + 1));
  }

  /** Waits until the output holds {@code done}; fails after {@code timeout}. */
  void awaitOutput(Predicate<List<String>> done, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.test(output())) {
      if (System.nanoTime() > deadline) {
        stop();
        throw new AssertionError("timed out waiting for " + what + "; output tail:\n"
            + Logs.tail(stdout, 30));
      }
      Pause.millis(100);
    }
  }

  void awaitSentAtLeast(int n, Duration timeout) {
    awaitOutput(lines -> lastSent() >= n, timeout, "message " + n + " to be confirmed");
  }

  /** Asks it to stop publishing and waits for it to exit. */
  AgentJvm.Result stop() {
    try {
      Files.writeString(stopFile, "stop");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return running.awaitExit(Duration.ofMinutes(3));
  }
}
