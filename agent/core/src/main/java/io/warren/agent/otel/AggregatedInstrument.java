package io.warren.agent.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.resources.Resource;
import io.warren.bootstrap.MetricInstrument;
import io.warren.bootstrap.WarrenLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instrument a module records into, and its {@link Cell} per attribute set. A set's cell is
 * found through the set's {@link Series} (one array read); past {@code warren.metrics.cardinality.limit}
 * sets, further ones share one overflow cell labelled {@code otel.metric.overflow=true}, as the
 * SDK does, and the first is one line on standard error.
 */
final class AggregatedInstrument {

  static final String SERIES_LIMIT_SETTING = io.warren.agent.config.WarrenConfig.METRICS_SERIES_LIMIT;
  static final Attributes OVERFLOW = Attributes.of(AttributeKey.booleanKey("otel.metric.overflow"), true);
  /** The SDK's default boundaries, for a histogram that gives none. */
  private static final double[] DEFAULT_BOUNDARIES =
      {0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000};

  final Object owner;
  final int index;
  private final String name;
  private final String unit;
  private final String description;
  private final boolean counter;
  private final double[] boundaries;
  private final List<Double> boundaryList;
  private final int limit;
  private final Clock clock;
  /** Every cell but the overflow one, by its attributes: two equal sets never make two series. */
  private final Map<Attributes, Cell> cells = new ConcurrentHashMap<Attributes, Cell>();
  private volatile Cell overflow;

  AggregatedInstrument(Object owner, MetricInstrument instrument, int index, int limit, Clock clock) {
    this.owner = owner;
    this.index = index;
    this.name = instrument.name();
    this.unit = orEmpty(instrument.unit());
    this.description = orEmpty(instrument.description());
    this.counter = instrument.kind() == MetricInstrument.Kind.COUNTER;
    double[] given = instrument.boundaries();
    this.boundaries = given == null ? DEFAULT_BOUNDARIES : given;
    List<Double> list = new ArrayList<Double>(boundaries.length);
    for (double boundary : boundaries) {
      list.add(boundary);
    }
    this.boundaryList = Collections.unmodifiableList(list);
    this.limit = limit;
    this.clock = clock;
  }

  /** The cell {@code series} records into: its own, or past the limit the overflow cell. */
  Cell cellOf(Series series) {
    Cell cell = series.cell(index);
    return cell != null ? cell : admit(series);
  }

  private synchronized Cell admit(Series series) {
    Cell cell = series.cell(index);
    if (cell == null) {
      cell = cells.get(series.attributes);
    }
    if (cell == null && cells.size() < limit) {
      cell = newCell(series.attributes);
      cells.put(series.attributes, cell);
    }
    if (cell == null) {
      if (overflow == null) {
        WarrenLog.warn("metric " + name + " has more than " + limit + " attribute sets ("
            + SERIES_LIMIT_SETTING + "); further ones are counted together in the series with "
            + "otel_metric_overflow=\"true\"");
        overflow = newCell(OVERFLOW);
      }
      cell = overflow;
    }
    series.cell(index, cell);
    return cell;
  }

  private Cell newCell(Attributes attributes) {
    long now = clock.now();
    return counter ? new CounterCell(attributes, now) : new HistogramCell(attributes, now, boundaries, boundaryList);
  }

  /** The instrument's points at {@code epochNanos}; null before its first measurement. */
  MetricData collect(Resource resource, InstrumentationScopeInfo scope, long epochNanos) {
    List<Cell> all = new ArrayList<Cell>(cells.values());
    Cell overflowed = overflow;
    if (overflowed != null) {
      all.add(overflowed);
    }
    if (all.isEmpty()) {
      return null;
    }
    if (counter) {
      List<LongPointData> points = new ArrayList<LongPointData>(all.size());
      for (Cell cell : all) {
        points.add((LongPointData) cell.point(epochNanos));
      }
      return ImmutableMetricData.createLongSum(resource, scope, name, description, unit,
          ImmutableSumData.create(true, AggregationTemporality.CUMULATIVE, points));
    }
    List<HistogramPointData> points = new ArrayList<HistogramPointData>(all.size());
    for (Cell cell : all) {
      points.add((HistogramPointData) cell.point(epochNanos));
    }
    return ImmutableMetricData.createDoubleHistogram(resource, scope, name, description, unit,
        ImmutableHistogramData.create(AggregationTemporality.CUMULATIVE, points));
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
