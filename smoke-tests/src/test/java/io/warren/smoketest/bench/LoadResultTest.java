package io.warren.smoketest.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LoadResultTest {
  private static final long MS = 1_000_000;

  @Test
  void percentilesAreTheNearestRankOfTheLatenciesInAnyOrder() {
    // 1 to 100 ms, sent in descending order
    long[] latencies = LongStream.rangeClosed(1, 100).map(n -> (101 - n) * MS).toArray();
    LoadResult result = new LoadResult(2_000 * MS, latencies);

    assertEquals(50.0, result.percentileMs(50));
    assertEquals(99.0, result.percentileMs(99));
    assertEquals(100.0, result.percentileMs(100));
  }

  @Test
  void withFewRequestsTheP99IsTheSlowestAndThroughputIsRequestsOverWallTime() {
    long[] latencies = {3 * MS, 9 * MS, 1 * MS, 2 * MS, 7 * MS, 4 * MS, 5 * MS, 6 * MS, 8 * MS, 40 * MS};
    LoadResult result = new LoadResult(500 * MS, latencies);

    assertEquals(40.0, result.percentileMs(99));
    assertEquals(5.0, result.percentileMs(50));
    assertEquals(20.0, result.requestsPerSec(), 1e-9);
  }
}
