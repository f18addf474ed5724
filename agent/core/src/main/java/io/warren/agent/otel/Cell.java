package io.warren.agent.otel;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.PointData;

/**
 * What one instrument has measured for one attribute set since the set's first measurement:
 * cumulative, as Prometheus reads it. Recording is a few atomic adds on the recording thread,
 * with no lock, no lookup and no allocation; the point is built when a reader collects.
 */
abstract class Cell {

  final Attributes attributes;
  final long startEpochNanos;

  Cell(Attributes attributes, long startEpochNanos) {
    this.attributes = attributes;
    this.startEpochNanos = startEpochNanos;
  }

  /**
   * Longs kept free before and after a cell's counts in its array: cells of different threads
   * (a publisher's, a consumer's) may lie side by side once the collector has moved them, and
   * counts sharing a cache line would make the two cores take the line from each other on every
   * message.
   */
  static final int PADDING = 8;

  /** Measurements of a slot (a bucket, a counter) that are offered as its exemplar: see {@link #offersExemplar}. */
  static final int EXEMPLAR_EVERY = 16;

  /**
   * A counter adds {@code whole}, a histogram records {@code value}.
   *
   * @param span the handle of the measured message's span (null: the current span), which the
   *     filter may make the exemplar
   */
  abstract void record(long whole, double value, Object span, OtelMetricsBackend.ExemplarFilter filter);

  /**
   * Whether the measurement that took a slot's count from {@code before} to {@code after} is
   * offered as the slot's exemplar: the first {@value #EXEMPLAR_EVERY}, then one in {@value
   * #EXEMPLAR_EVERY}. A rare bucket (a latency spike) keeps its latest measurement; a busy one
   * one of its latest few, without reading the clock and the span for every message (the clock
   * alone costs about as much as the rest of a measurement).
   */
  static boolean offersExemplar(long before, long after) {
    return after <= EXEMPLAR_EVERY || before / EXEMPLAR_EVERY != after / EXEMPLAR_EVERY;
  }

  /** The totals at {@code epochNanos}. */
  abstract PointData point(long epochNanos);
}
