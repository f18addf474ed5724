package io.warren.smoketest.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}) without a display, loading one page in a fresh
 * profile: its rendered DOM or a screenshot, after the page's scripts ran for a few seconds of
 * virtual time (which also waits for the page's requests, such as a Zipkin UI's API calls).
 */
public final class HeadlessChromium {
  public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final int VIRTUAL_TIME_MILLIS = 10_000;

  private HeadlessChromium() {}

  /** The page's DOM as HTML once its scripts have rendered it. */
  public static String renderedDom(String url, Path logDir) {
    Path dom = logDir.resolve("chromium-dom.html");
    run(List.of("--dump-dom", url), dom, logDir);
    try {
      return Files.readString(dom);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a PNG of the page, {@code width} x {@code height} pixels, to {@code png}. */
  public static void screenshot(String url, Path png, int width, int height, Path logDir) {
    Path absolute = png.toAbsolutePath();
    run(List.of("--window-size=" + width + "," + height, "--hide-scrollbars",
        "--screenshot=" + absolute, url), logDir.resolve("chromium-screenshot.out"), logDir);
    if (!Files.isRegularFile(absolute)) {
      throw new IllegalStateException("Chromium wrote no screenshot to " + absolute + "; see "
          + logDir.resolve("chromium.err"));
    }
  }

  private static void run(List<String> arguments, Path stdout, Path logDir) {
    if (!Files.isExecutable(EXECUTABLE)) {
      throw new IllegalStateException("Chromium is not installed at " + EXECUTABLE
          + ": install Debian's chromium package (smoke-tests/ensure-chromium.sh does)");
    }
    Path profile = null;
    try {
      Files.createDirectories(logDir);
      profile = Files.createTempDirectory("warren-chromium-");
      List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(),
          "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--user-data-dir=" + profile,
          "--virtual-time-budget=" + VIRTUAL_TIME_MILLIS));
      command.addAll(arguments);
      Process process = new ProcessBuilder(command)
          .redirectOutput(stdout.toFile())
          .redirectError(logDir.resolve("chromium.err").toFile())
          .start();
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("Chromium did not finish within " + TIMEOUT + ": "
            + String.join(" ", command) + "\n" + Logs.tail(logDir.resolve("chromium.err"), 20));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("Chromium exited " + process.exitValue() + ": "
            + String.join(" ", command) + "\n" + Logs.tail(logDir.resolve("chromium.err"), 20));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + EXECUTABLE, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Chromium", e);
    } finally {
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary profile is harmless
    }
  }
}
