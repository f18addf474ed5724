package io.warren.smoketest.apps;

import java.util.HashMap;
import java.util.Map;

/** {@code --key=value} command-line arguments of the sample applications. */
final class AppArgs {
  private final Map<String, String> values = new HashMap<>();

  private AppArgs() {}

  static AppArgs parse(String[] args) {
    AppArgs parsed = new AppArgs();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("expected --key=value, got: " + arg);
      }
      int eq = arg.indexOf('=');
      if (eq < 0) {
        parsed.values.put(arg.substring(2), "true");
      } else {
        parsed.values.put(arg.substring(2, eq), arg.substring(eq + 1));
      }
    }
    return parsed;
  }

  String get(String key, String defaultValue) {
    return values.getOrDefault(key, defaultValue);
  }

  String require(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("missing --" + key + "=...");
    }
    return value;
  }

  int integer(String key, int defaultValue) {
    String value = values.get(key);
    return value == null ? defaultValue : Integer.parseInt(value);
  }
}
