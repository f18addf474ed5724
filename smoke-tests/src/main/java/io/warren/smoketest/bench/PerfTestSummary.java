package io.warren.smoketest.bench;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What PerfTest prints when its run ends, read from its standard output: the average sending and
 * receiving rates and the consumer latency percentiles over the whole run, for example
 * <pre>
 * id: test-151708-390, sending rate avg: 2430 msg/s
 * id: test-151708-390, receiving rate avg: 2430 msg/s
 * id: test-151708-390, consumer latency min/median/75th/95th/99th 144/406/83771/306030/316781 µs
 * </pre>
 * (µs by default, ms with PerfTest's {@code --use-millis}). The once-a-second lines name the
 * latency the other way round ("min/median/75th/95th/99th consumer latency:") and are not read.
 *
 * @param latencyMs consumer latency min, median, 75th, 95th and 99th percentile, in ms
 */
record PerfTestSummary(double sendingRate, double receivingRate, List<Double> latencyMs) {
  /** The percentiles' names, in the order of {@link #latencyMs}. */
  static final List<String> LATENCY_NAMES = List.of("min", "median", "75th", "95th", "99th");

  private static final Pattern SENDING = Pattern.compile("sending rate avg: ([0-9.]+) msg/s");
  private static final Pattern RECEIVING = Pattern.compile("receiving rate avg: ([0-9.]+) msg/s");
  private static final Pattern LATENCY = Pattern.compile(
      "consumer latency min/median/75th/95th/99th ([0-9.]+)/([0-9.]+)/([0-9.]+)/([0-9.]+)/([0-9.]+)"
          + " (µs|ms)");

  /** Reads the summary from PerfTest's output lines; fails when a part of it is missing. */
  static PerfTestSummary parse(List<String> lines) {
    Matcher sending = last(SENDING, lines);
    Matcher receiving = last(RECEIVING, lines);
    Matcher latency = last(LATENCY, lines);
    double perMs = latency.group(6).equals("ms") ? 1 : 1000;
    List<Double> percentiles = List.of(1, 2, 3, 4, 5).stream()
        .map(group -> Double.parseDouble(latency.group(group)) / perMs).toList();
    return new PerfTestSummary(Double.parseDouble(sending.group(1)),
        Double.parseDouble(receiving.group(1)), percentiles);
  }

  private static Matcher last(Pattern pattern, List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      Matcher matcher = pattern.matcher(lines.get(i));
      if (matcher.find()) {
        return matcher;
      }
    }
    throw new IllegalArgumentException("PerfTest printed no line matching '" + pattern + "'");
  }
}
