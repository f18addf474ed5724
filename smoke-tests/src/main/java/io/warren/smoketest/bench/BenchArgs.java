package io.warren.smoketest.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** What every benchmark's command line shares: {@code --name=value} options, the repository root. */
final class BenchArgs {
  private BenchArgs() {}

  /** The options by name; anything else prints {@code usage} and exits 2. */
  static Map<String, String> options(String[] args, String usage) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        System.err.println(usage);
        System.exit(2);
      }
      options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    return options;
  }

  /** The repository root, from there or from smoke-tests/. */
  static Path root() {
    return Files.isDirectory(Path.of("smoke-tests")) ? Path.of("") : Path.of("..");
  }
}
