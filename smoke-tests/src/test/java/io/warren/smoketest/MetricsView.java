package io.warren.smoketest;

import io.warren.smoketest.harness.Pause;
import java.time.Duration;
import java.util.Map;

/**
 * Where a test reads the agent's metrics (Prometheus, or what an OTLP receiver was sent): the
 * totals of one application's series of an instrument whose attributes include the given ones.
 * Instruments and attributes go by their OpenTelemetry names.
 */
interface MetricsView {
  Duration DEADLINE = Duration.ofSeconds(60);

  /** A counter's total; 0 if there is no such series. */
  double counter(String app, String instrument, Map<String, String> attributes);

  /** A histogram's count and sum; both 0 if there is no such series. */
  Histogram histogram(String app, String instrument, Map<String, String> attributes);

  record Histogram(long count, double sum) {
    double mean() {
      return sum / count;
    }
  }

  /** Polls until the counter reaches {@code expected} or {@link #DEADLINE} passes; its last value. */
  default double awaitCounter(String app, String instrument, Map<String, String> attributes,
      long expected) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    double value = counter(app, instrument, attributes);
    while (value < expected && System.nanoTime() < deadline) {
      Pause.millis(500);
      value = counter(app, instrument, attributes);
    }
    return value;
  }

  /** Polls until the histogram counts {@code expected} values or {@link #DEADLINE} passes. */
  default Histogram awaitHistogram(String app, String instrument, Map<String, String> attributes,
      long expected) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    Histogram histogram = histogram(app, instrument, attributes);
    while (histogram.count() < expected && System.nanoTime() < deadline) {
      Pause.millis(500);
      histogram = histogram(app, instrument, attributes);
    }
    return histogram;
  }
}
