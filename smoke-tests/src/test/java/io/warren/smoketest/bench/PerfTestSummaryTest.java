package io.warren.smoketest.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerfTestSummaryTest {

  /** The end of what PerfTest 2.22.1 printed for a 5-second run (ids shortened). */
  private static final List<String> OUTPUT = List.of(
      "id: test-1, starting producer #0, channel #0",
      "id: test-1, time 4.001 s, sent: 2001 msg/s, received: 2004 msg/s, min/median/75th/95th/99th"
          + " consumer latency: 165/272/328/1000/2322 µs",
      "test stopped (Reached time limit)",
      "id: test-1, sending rate avg: 2430 msg/s",
      "id: test-1, receiving rate avg: 2429 msg/s",
      "id: test-1, consumer latency min/median/75th/95th/99th 144/406/83771/306030/316781 µs");

  @Test
  void readsTheRunsSummaryNotTheOnceASecondLines() {
    PerfTestSummary summary = PerfTestSummary.parse(OUTPUT);

    assertEquals(2430, summary.sendingRate());
    assertEquals(2429, summary.receivingRate());
    assertEquals(List.of(0.144, 0.406, 83.771, 306.03, 316.781), summary.latencyMs());
  }

  @Test
  void latencyInMillisecondsIsKeptAsItIs() {
    List<String> millis = List.of("id: a, sending rate avg: 10 msg/s",
        "id: a, receiving rate avg: 9 msg/s",
        "id: a, consumer latency min/median/75th/95th/99th 1/2/3/4/50 ms");

    assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 50.0), PerfTestSummary.parse(millis).latencyMs());
  }

  @Test
  void aRunThatPrintedNoSummaryIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> PerfTestSummary.parse(OUTPUT.subList(0, 3)));
  }
}
