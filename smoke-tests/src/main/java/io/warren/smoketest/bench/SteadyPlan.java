package io.warren.smoketest.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the steady-state benchmark runs, from its command-line options: rates, configurations,
 * rounds, the workload's timing and message size, and settings added to every Warren run.
 */
record SteadyPlan(List<Integer> rates, List<AgentConfig> configs, int rounds, int warmup,
    int window, int size, int maxLagMs, Map<String, String> warrenProperties) {

  static final String USAGE = "usage: SteadyStateBenchmark [--rates=1000,2000,4000] [--rounds=6]"
      + " [--warmup=30] [--window=60] [--size=256] [--max-lag-ms=100]"
      + " [--configs=none,warren,otel] [--warren-properties=key=value,...]";

  /** @throws IllegalArgumentException for a bad option (a number that is not one, too) */
  static SteadyPlan of(Map<String, String> options) {
    Map<String, String> warrenProperties = new LinkedHashMap<>();
    for (String setting : options.getOrDefault("warren-properties", "").split(",")) {
      int equals = setting.indexOf('=');
      if (equals > 0) {
        warrenProperties.put(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
      } else if (!setting.isBlank()) {
        throw new IllegalArgumentException("--warren-properties takes key=value,...: " + setting);
      }
    }
    return new SteadyPlan(
        Arrays.stream(options.getOrDefault("rates", "1000,2000,4000").split(","))
            .map(String::trim).map(Integer::parseInt).toList(),
        configs(options.getOrDefault("configs", "none,warren,otel")),
        Integer.parseInt(options.getOrDefault("rounds", "6")),
        Integer.parseInt(options.getOrDefault("warmup", "30")),
        Integer.parseInt(options.getOrDefault("window", "60")),
        Integer.parseInt(options.getOrDefault("size", "256")),
        Integer.parseInt(options.getOrDefault("max-lag-ms", "100")),
        warrenProperties);
  }

  /** The configurations to run, in the enum's order; the no-agent one is required. */
  private static List<AgentConfig> configs(String ids) {
    List<AgentConfig> configs = new ArrayList<>();
    for (String id : ids.split(",")) {
      configs.add(AgentConfig.byId(id));
    }
    if (configs.contains(AgentConfig.WARREN_OTLP)) {
      // Its spans would be counted by a receiver in this JVM, which would hold them all.
      throw new IllegalArgumentException("warren-otlp runs only in the burst benchmark");
    }
    if (!configs.contains(AgentConfig.NONE)) {
      throw new IllegalArgumentException("--configs needs none: every figure is compared to it");
    }
    return configs.stream().distinct().sorted().toList();
  }
}
