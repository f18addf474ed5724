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
 * Laid out for cold caches: sum, min and max are fields of this object, and each bucket's count
 * sits beside its exemplar's value and time, so a measurement touches about three cache lines
 * (this object, its bucket, its exemplar's span slot) where atomics and adders each in their own
 * object would touch a dozen.
 */
final class HistogramCell extends Cell {

  private static final VarHandle SUM = handle("sumBits");
  private static final VarHandle MIN = handle("minBits");
  private static final VarHandle MAX = handle("maxBits");
  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle SPANS = MethodHandles.arrayElementVarHandle(SpanContext[].class);
  /** Per bucket: its count, then its exemplar's value (double bits) and time. */
  private static final int STRIDE = 3;

  private final double[] boundaries;
  private final List<Double> boundaryList;
  private final long[] buckets;
  /** Each bucket's exemplar span, written after its value and time. */
  private final SpanContext[] spans;
  @SuppressWarnings("unused") private volatile long sumBits; // through SUM, and so on
  @SuppressWarnings("unused") private volatile long minBits = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
  @SuppressWarnings("unused") private volatile long maxBits = Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY);

  HistogramCell(Attributes attributes, long startEpochNanos, double[] boundaries, List<Double> boundaryList) {
    super(attributes, startEpochNanos);
    this.boundaries = boundaries;
    this.boundaryList = boundaryList;
    this.buckets = new long[(boundaries.length + 1) * STRIDE];
    this.spans = new SpanContext[boundaries.length + 1];
  }

  @Override
  void record(long whole, double value, Object span, OtelMetricsBackend.ExemplarFilter filter) {
    int bucket = bucketOf(value);
    long before = (long) LONGS.getAndAdd(buckets, bucket * STRIDE, 1L);
    add(SUM, value);
    replaceIf(MIN, value, true);
    replaceIf(MAX, value, false);
    if (offersExemplar(before, before + 1)) {
      SpanContext exemplar = filter.exemplarOf(span);
      if (exemplar != null) {
        buckets[bucket * STRIDE + 1] = Double.doubleToRawLongBits(value);
        buckets[bucket * STRIDE + 2] = System.currentTimeMillis() * 1_000_000L;
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

  private void add(VarHandle field, double value) {
    long bits = (long) field.getVolatile(this);
    while (!field.compareAndSet(this, bits, Double.doubleToRawLongBits(Double.longBitsToDouble(bits) + value))) {
      bits = (long) field.getVolatile(this);
    }
  }

  /** Sets the field to {@code value} if it is below (a minimum) or above (a maximum) it. */
  private void replaceIf(VarHandle field, double value, boolean lower) {
    long bits = (long) field.getVolatile(this);
    while ((lower ? value < Double.longBitsToDouble(bits) : value > Double.longBitsToDouble(bits))
        && !field.compareAndSet(this, bits, Double.doubleToRawLongBits(value))) {
      bits = (long) field.getVolatile(this);
    }
  }

  @Override
  HistogramPointData point(long epochNanos) {
    List<Long> counts = new ArrayList<Long>(spans.length);
    List<DoubleExemplarData> exemplars = null;
    long count = 0;
    for (int bucket = 0; bucket < spans.length; bucket++) {
      long inBucket = (long) LONGS.getVolatile(buckets, bucket * STRIDE);
      counts.add(inBucket);
      count += inBucket;
      SpanContext span = (SpanContext) SPANS.getAcquire(spans, bucket);
      if (span != null) {
        if (exemplars == null) {
          exemplars = new ArrayList<DoubleExemplarData>();
        }
        exemplars.add(ImmutableDoubleExemplarData.create(Attributes.empty(), buckets[bucket * STRIDE + 2],
            span, Double.longBitsToDouble(buckets[bucket * STRIDE + 1])));
      }
    }
    // A measurement counted but not yet compared with min and max leaves them unset, not wrong.
    double lowest = Double.longBitsToDouble(minBits);
    double highest = Double.longBitsToDouble(maxBits);
    boolean hasMin = count > 0 && lowest != Double.POSITIVE_INFINITY;
    boolean hasMax = count > 0 && highest != Double.NEGATIVE_INFINITY;
    return ImmutableHistogramPointData.create(startEpochNanos, epochNanos, attributes,
        Double.longBitsToDouble(sumBits), hasMin, hasMin ? lowest : 0, hasMax, hasMax ? highest : 0,
        boundaryList, counts, exemplars == null ? Collections.<DoubleExemplarData>emptyList() : exemplars);
  }

  private static VarHandle handle(String field) {
    try {
      return MethodHandles.lookup().findVarHandle(HistogramCell.class, field, long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
