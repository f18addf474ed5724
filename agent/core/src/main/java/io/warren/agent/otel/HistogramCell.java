package io.warren.agent.otel;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.metrics.data.DoubleExemplarData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoubleExemplarData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An explicit-bucket histogram (bucket {@code i} counts values up to and including boundary
 * {@code i}, the last one the rest), its sum, min and max, and a recent exemplar per bucket.
 * Laid out for cold caches: sum, min and max lead one array, and each bucket's count sits beside
 * its exemplar's value and time, so a measurement touches about three cache lines (this object,
 * the sum's, its bucket's) where atomics and adders each in their own object would touch a dozen.
 */
final class HistogramCell extends Cell {

  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle SPANS = MethodHandles.arrayElementVarHandle(SpanContext[].class);
  /** Per bucket: its count, then its exemplar's value (double bits) and time. */
  private static final int STRIDE = 3;
  /** Where the sum, min and max (double bits) are, then the buckets, in {@link #longs}. */
  private static final int SUM = PADDING;
  private static final int MIN = PADDING + 1;
  private static final int MAX = PADDING + 2;
  private static final int BUCKETS = PADDING + 3;

  private final double[] boundaries;
  private final List<Double> boundaryList;
  /** Sum, min, max and the buckets, padded on both sides; all this cell changes but the spans. */
  private final long[] longs;
  /** Each bucket's exemplar span, written after its value and time. */
  private final SpanContext[] spans;

  HistogramCell(Attributes attributes, long startEpochNanos, double[] boundaries, List<Double> boundaryList) {
    super(attributes, startEpochNanos);
    this.boundaries = boundaries;
    this.boundaryList = boundaryList;
    this.longs = new long[BUCKETS + (boundaries.length + 1) * STRIDE + PADDING];
    longs[MIN] = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
    longs[MAX] = Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY);
    this.spans = new SpanContext[boundaries.length + 1];
  }

  @Override
  void record(long whole, double value, Object span, OtelMetricsBackend.ExemplarFilter filter) {
    int bucket = bucketOf(value);
    int at = BUCKETS + bucket * STRIDE;
    long before = (long) LONGS.getAndAdd(longs, at, 1L);
    add(SUM, value);
    replaceIf(MIN, value, true);
    replaceIf(MAX, value, false);
    if (offersExemplar(before, before + 1)) {
      SpanContext exemplar = filter.exemplarOf(span);
      if (exemplar != null) {
        longs[at + 1] = Double.doubleToRawLongBits(value);
        longs[at + 2] = System.currentTimeMillis() * 1_000_000L;
        SPANS.setRelease(spans, bucket, exemplar);
      }
    }
  }

  int bucketOf(double value) {
    int low = 0;
    int high = boundaries.length; // the bucket past the last boundary
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (value <= boundaries[middle]) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }

  private void add(int index, double value) {
    long bits = (long) LONGS.getVolatile(longs, index);
    while (!LONGS.compareAndSet(longs, index, bits, Double.doubleToRawLongBits(Double.longBitsToDouble(bits) + value))) {
      bits = (long) LONGS.getVolatile(longs, index);
    }
  }

  /** Sets the slot to {@code value} if it is below (a minimum) or above (a maximum) it. */
  private void replaceIf(int index, double value, boolean lower) {
    long bits = (long) LONGS.getVolatile(longs, index);
    while ((lower ? value < Double.longBitsToDouble(bits) : value > Double.longBitsToDouble(bits))
        && !LONGS.compareAndSet(longs, index, bits, Double.doubleToRawLongBits(value))) {
      bits = (long) LONGS.getVolatile(longs, index);
    }
  }

  private double doubleAt(int index) {
    return Double.longBitsToDouble((long) LONGS.getVolatile(longs, index));
  }

  @Override
  HistogramPointData point(long epochNanos) {
    List<Long> counts = new ArrayList<Long>(spans.length);
    List<DoubleExemplarData> exemplars = null;
    long count = 0;
    for (int bucket = 0; bucket < spans.length; bucket++) {
      int at = BUCKETS + bucket * STRIDE;
      long inBucket = (long) LONGS.getVolatile(longs, at);
      counts.add(inBucket);
      count += inBucket;
      SpanContext span = (SpanContext) SPANS.getAcquire(spans, bucket);
      if (span != null) {
        if (exemplars == null) {
          exemplars = new ArrayList<DoubleExemplarData>();
        }
        exemplars.add(ImmutableDoubleExemplarData.create(Attributes.empty(), longs[at + 2],
            span, Double.longBitsToDouble(longs[at + 1])));
      }
    }
    // A measurement counted but not yet compared with min and max leaves them unset, not wrong.
    double lowest = doubleAt(MIN);
    double highest = doubleAt(MAX);
    boolean hasMin = count > 0 && lowest != Double.POSITIVE_INFINITY;
    boolean hasMax = count > 0 && highest != Double.NEGATIVE_INFINITY;
    return ImmutableHistogramPointData.create(startEpochNanos, epochNanos, attributes,
        doubleAt(SUM), hasMin, hasMin ? lowest : 0, hasMax, hasMax ? highest : 0,
        boundaryList, counts, exemplars == null ? Collections.<DoubleExemplarData>emptyList() : exemplars);
  }
}
