package io.warren.bootstrap.testing;

import io.warren.bootstrap.MetricAttributes;
import io.warren.bootstrap.MetricInstrument;
import io.warren.bootstrap.MetricsBackend;
import io.warren.bootstrap.TraceIds;
import io.warren.bootstrap.Tracing;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The test kit's metrics core: records every measurement a module makes (instrument, attribute
 * set, value, the span handle given and the span id the exemplar would carry), for every module's
 * tests. A counter given to {@link #record}, a histogram given to {@link #add}, a negative count
 * or a value that is not a number is a misuse: it is kept in {@link #misuses} and thrown (the
 * facade swallows what a backend throws, so tests check {@link #misuses} too).
 */
public class RecordingMetricsBackend implements MetricsBackend {

  /**
   * One measurement.
   *
   * @param span the handle the module gave (null: the current span)
   * @param exemplarSpanId the span id of that handle, or of the span current on the recording
   *     thread when none was given; null when there is none
   */
  public record Measurement(
      MetricInstrument instrument, MetricAttributes attributes, double value, Object span,
      String exemplarSpanId, String thread) {

    public String name() {
      return instrument.name();
    }

    public Object attribute(String key) {
      return attributes.get(key);
    }
  }

  public final List<Measurement> measurements = new CopyOnWriteArrayList<>();
  public final List<String> misuses = new CopyOnWriteArrayList<>();

  @Override
  public void add(MetricInstrument counter, MetricAttributes attributes, long value, Object span) {
    check(counter, MetricInstrument.Kind.COUNTER, value < 0 ? "a negative count " + value : null);
    keep(counter, attributes, value, span);
  }

  @Override
  public void record(MetricInstrument histogram, MetricAttributes attributes, double value, Object span) {
    check(histogram, MetricInstrument.Kind.HISTOGRAM, Double.isNaN(value) || Double.isInfinite(value) ? "the value " + value : null);
    keep(histogram, attributes, value, span);
  }

  private void check(MetricInstrument instrument, MetricInstrument.Kind expected, String badValue) {
    String misuse = null;
    if (instrument.kind() != expected) {
      misuse = instrument.name() + " is a " + instrument.kind() + ", recorded as a " + expected;
    } else if (badValue != null) {
      misuse = instrument.name() + ": " + badValue;
    }
    if (misuse != null) {
      misuses.add(misuse);
      throw new IllegalStateException(misuse);
    }
  }

  private void keep(MetricInstrument instrument, MetricAttributes attributes, double value, Object span) {
    TraceIds ids = span != null ? Tracing.idsOf(span) : Tracing.currentTraceIds();
    measurements.add(new Measurement(
        instrument, attributes, value, span, ids == null ? null : ids.spanId(), Thread.currentThread().getName()));
  }

  /** The measurements of the instrument named {@code name} whose attributes include the pairs given. */
  public List<Measurement> of(String name, Object... attributePairs) {
    List<Measurement> found = new ArrayList<>();
    for (Measurement each : measurements) {
      if (each.name().equals(name) && matches(each.attributes(), attributePairs)) {
        found.add(each);
      }
    }
    return found;
  }

  /** The sum of the values {@link #of} returns: a counter's count. */
  public long count(String name, Object... attributePairs) {
    long sum = 0;
    for (Measurement each : of(name, attributePairs)) {
      sum += (long) each.value();
    }
    return sum;
  }

  /** The distinct attribute sets (series) the instrument named {@code name} was recorded with. */
  public Set<MetricAttributes> series(String name) {
    Set<MetricAttributes> sets = new LinkedHashSet<>();
    for (Measurement each : of(name)) {
      sets.add(each.attributes());
    }
    return sets;
  }

  public void clear() {
    measurements.clear();
    misuses.clear();
  }

  private static boolean matches(MetricAttributes attributes, Object[] pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      Object value = attributes.get((String) pairs[i]);
      if (pairs[i + 1] == null ? value != null : !pairs[i + 1].equals(value)) {
        return false;
      }
    }
    return true;
  }
}
