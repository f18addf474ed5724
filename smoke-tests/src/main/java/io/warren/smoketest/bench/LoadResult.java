package io.warren.smoketest.bench;

import java.util.Arrays;

/**
 * What the HTTP benchmark's client measured: its wall time and each request's latency (given in
 * any order; kept sorted, in a copy).
 */
record LoadResult(long wallNanos, long[] sortedLatencyNanos) {

  LoadResult {
    sortedLatencyNanos = sortedLatencyNanos.clone();
    Arrays.sort(sortedLatencyNanos);
  }

  double requestsPerSec() {
    return sortedLatencyNanos.length / (wallNanos / 1e9);
  }

  /** The nearest-rank percentile: the smallest latency that {@code percent} % of requests did not exceed. */
  double percentileMs(int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sortedLatencyNanos.length);
    return sortedLatencyNanos[Math.max(0, rank - 1)] / 1e6;
  }
}
