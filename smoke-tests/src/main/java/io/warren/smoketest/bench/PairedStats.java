package io.warren.smoketest.bench;

import java.util.List;
import java.util.Locale;

/** Medians and the 95 % interval of paired ratios that the steady-state benchmark reports. */
final class PairedStats {
  /** Two-sided 95 % quantiles of Student's t for 1..30 degrees of freedom. */
  private static final double[] T_975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
      2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080,
      2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

  private PairedStats() {}

  /**
   * A ratio's geometric mean over rounds and its 95 % interval; {@code low} and {@code high} are
   * NaN with fewer than two ratios.
   */
  record Interval(double geometricMean, double low, double high, int n) {}

  /** An arithmetic mean and its 95 % t-interval; {@code low} and {@code high} NaN with fewer than two values. */
  record MeanInterval(double mean, double low, double high, int n) {}

  static MeanInterval meanInterval(List<Double> values) {
    int n = values.size();
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    if (n < 2) {
      return new MeanInterval(mean, Double.NaN, Double.NaN, n);
    }
    double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    double halfWidth = t975(n - 1) * Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
    return new MeanInterval(mean, mean - halfWidth, mean + halfWidth, n);
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /**
   * The t-interval of the mean of the logarithms of per-round ratios, taken back with exp: a ratio
   * is multiplicative (×0.8 and ×1.25 are equally far from ×1), and its logarithm is closer to
   * normal than the ratio itself, which is skewed upwards.
   */
  static Interval logRatioInterval(List<Double> ratios) {
    MeanInterval logs = meanInterval(ratios.stream().map(Math::log).toList());
    return new Interval(Math.exp(logs.mean()), Math.exp(logs.low()), Math.exp(logs.high()), logs.n());
  }

  /** Beyond 30 degrees of freedom, the normal quantile (a slightly narrower interval). */
  private static double t975(int degreesOfFreedom) {
    return degreesOfFreedom <= T_975.length ? T_975[degreesOfFreedom - 1] : 1.96;
  }

  /** {@code values}' median, then their range where it is one, each formatted with {@code format}. */
  static String medianAndRange(List<Double> values, String format) {
    if (values.isEmpty()) {
      return "n/a";
    }
    String median = String.format(Locale.ROOT, format, median(values));
    String min = String.format(Locale.ROOT, format, values.stream().min(Double::compare).get());
    String max = String.format(Locale.ROOT, format, values.stream().max(Double::compare).get());
    return values.size() == 1 || min.equals(max) ? median : median + " (" + min + "–" + max + ")";
  }
}
