package io.warren.agent.otel;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.metrics.data.LongExemplarData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongExemplarData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.List;

/**
 * A monotonic sum, with a recent measurement's span as its exemplar: a measurement touches this
 * object and one cache line of its array (at a steady few thousand messages a second the caches
 * are cold for each message, and each line missed costs more than the arithmetic).
 */
final class CounterCell extends Cell {

  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle EXEMPLAR = handle("exemplarSpan", SpanContext.class);
  private static final int SUM = PADDING;
  private static final int EXEMPLAR_VALUE = PADDING + 1;
  private static final int EXEMPLAR_TIME = PADDING + 2;

  /** The sum and the exemplar's value and time, padded on both sides: one cache line of their own. */
  private final long[] longs = new long[PADDING + 3 + PADDING];
  /** Written last: a reader that sees it sees its value and time (two writers may mix theirs). */
  @SuppressWarnings("unused") // through EXEMPLAR
  private volatile SpanContext exemplarSpan;

  CounterCell(Attributes attributes, long startEpochNanos) {
    super(attributes, startEpochNanos);
  }

  @Override
  void record(long whole, double value, Object span, OtelMetricsBackend.ExemplarFilter filter) {
    long before = (long) LONGS.getAndAdd(longs, SUM, whole);
    if (offersExemplar(before, before + whole)) {
      SpanContext exemplar = filter.exemplarOf(span);
      if (exemplar != null) {
        longs[EXEMPLAR_VALUE] = whole;
        longs[EXEMPLAR_TIME] = System.currentTimeMillis() * 1_000_000L;
        EXEMPLAR.setRelease(this, exemplar);
      }
    }
  }

  @Override
  LongPointData point(long epochNanos) {
    SpanContext span = exemplarSpan;
    List<LongExemplarData> exemplars = span == null ? Collections.<LongExemplarData>emptyList()
        : Collections.singletonList(ImmutableLongExemplarData.create(
            Attributes.empty(), longs[EXEMPLAR_TIME], span, longs[EXEMPLAR_VALUE]));
    long sum = (long) LONGS.getVolatile(longs, SUM);
    return ImmutableLongPointData.create(startEpochNanos, epochNanos, attributes, sum, exemplars);
  }

  private static VarHandle handle(String field, Class<?> type) {
    try {
      return MethodHandles.lookup().findVarHandle(CounterCell.class, field, type);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
