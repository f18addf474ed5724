package io.warren.agent.otel;

import io.warren.agent.config.WarrenConfig;
import io.warren.bootstrap.WarrenLog;

/**
 * Counts the attribute sets one instrument has recorded, to say once when they pass the limit:
 * from then on the SDK records new sets into its overflow series ({@code otel.metric.overflow=true})
 * and would log it, throttled, into the application's output (OtelSetup silences that).
 */
final class SeriesCap {

  static final String SETTING = WarrenConfig.METRICS_SERIES_LIMIT;

  private final String instrument;
  private final int index;
  private final int limit;
  private int count;

  SeriesCap(String instrument, int index, int limit) {
    this.instrument = instrument;
    this.index = index;
    this.limit = limit;
  }

  void admit(Series series) {
    if (series.recordedBy(index)) {
      return;
    }
    synchronized (this) {
      if (series.recordedBy(index)) {
        return;
      }
      count++;
      if (count == limit + 1) {
        WarrenLog.warn("metric " + instrument + " has more than " + limit + " attribute sets ("
            + SETTING + "); further ones are counted together in the series with "
            + "otel_metric_overflow=\"true\"");
      }
      series.markRecordedBy(index);
    }
  }
}
