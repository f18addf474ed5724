package io.warren.smoketest.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairedStatsTest {

  @Test
  void aSlowdownAndTheSameSpeedupAverageToNoChange() {
    PairedStats.Interval interval = PairedStats.logRatioInterval(List.of(0.8, 1.25));

    assertEquals(1.0, interval.geometricMean(), 1e-9);
    // Symmetric around ×1 on the log scale: low × high = 1.
    assertEquals(1.0, interval.low() * interval.high(), 1e-9);
  }

  @Test
  void theIntervalIsTheTIntervalOfTheLogRatios() {
    // log ratios ±0.1: sample sd 0.1155 (n = 4), t(0.975, 3) = 3.182, half width 0.1837
    PairedStats.Interval interval =
        PairedStats.logRatioInterval(List.of(Math.exp(0.1), Math.exp(-0.1), Math.exp(0.1),
            Math.exp(-0.1)));

    assertEquals(Math.exp(-0.1837), interval.low(), 1e-3);
    assertEquals(Math.exp(0.1837), interval.high(), 1e-3);
    assertEquals(4, interval.n());
  }

  @Test
  void moreRoundsOfTheSameSpreadNarrowTheInterval() {
    PairedStats.Interval three = PairedStats.logRatioInterval(List.of(0.95, 1.05, 1.10));
    PairedStats.Interval six =
        PairedStats.logRatioInterval(List.of(0.95, 1.05, 1.10, 0.95, 1.05, 1.10));

    assertTrue(six.high() < three.high(), six + " vs " + three);
    assertTrue(six.low() > three.low(), six + " vs " + three);
  }

  @Test
  void oneRoundHasNoInterval() {
    PairedStats.Interval interval = PairedStats.logRatioInterval(List.of(1.2));

    assertEquals(1.2, interval.geometricMean(), 1e-9);
    assertTrue(Double.isNaN(interval.high()));
  }

  @Test
  void theMedianOfAnEvenCountIsTheMiddlePairsMean() {
    assertEquals(1.5, PairedStats.median(List.of(3.0, 1.0, 2.0, 1.0)), 1e-9);
    assertEquals(2.0, PairedStats.median(List.of(3.0, 1.0, 2.0)), 1e-9);
  }
}
