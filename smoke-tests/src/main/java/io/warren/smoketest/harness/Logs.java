package io.warren.smoketest.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading captured process output. */
public final class Logs {
  private Logs() {}

  /** All lines of a file, or none if it does not exist. Undecodable bytes are replaced. */
  public static List<String> lines(Path file) {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return List.of("(could not read " + file + ": " + e + ")");
    }
  }

  /** The last {@code count} lines of a file, joined with newlines. */
  public static String tail(Path file, int count) {
    List<String> lines = lines(file);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }
}
