package io.warren.agent.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.context.Context;
import io.warren.bootstrap.MetricAttributes;
import io.warren.bootstrap.MetricInstrument;
import io.warren.bootstrap.MetricsBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records the measurements modules make into the OpenTelemetry SDK's instruments. Each
 * instrument and each attribute set is converted once, on first use, and kept in its {@code
 * converted} slot, so that a measurement allocates nothing. The exemplar of a measurement made
 * for a given span names that span, on whatever thread it is made.
 */
public final class OtelMetricsBackend implements MetricsBackend {

  static final String SCOPE = "warren";
  /** How many distinct sets per series allowed may be shared (memory stays bounded). */
  private static final int SHARED_SETS_PER_SERIES = 10;

  private final Meter meter;
  private final int seriesLimit;
  private final AtomicInteger instrumentCount = new AtomicInteger();
  /** One {@link Series} per distinct set, however many equal sets the modules made. */
  private final ConcurrentHashMap<MetricAttributes, Series> series =
      new ConcurrentHashMap<MetricAttributes, Series>();

  /**
   * @param seriesLimit how many attribute sets one instrument records apart; the SDK puts the
   *     measurements of any further set into its overflow series
   */
  public OtelMetricsBackend(MeterProvider meterProvider, int seriesLimit) {
    this.meter = meterProvider.get(SCOPE);
    this.seriesLimit = seriesLimit;
  }

  @Override
  public void add(MetricInstrument counter, MetricAttributes attributes, long value, Object span) {
    measure(counter, attributes, value, value, span);
  }

  @Override
  public void record(MetricInstrument histogram, MetricAttributes attributes, double value, Object span) {
    measure(histogram, attributes, (long) value, value, span);
  }

  /** A counter adds {@code whole}, a histogram records {@code value}. */
  private void measure(MetricInstrument measured, MetricAttributes attributes, long whole,
      double value, Object span) {
    Instrument instrument = instrumentOf(measured);
    Attributes converted = instrument.admit(seriesOf(attributes));
    ExemplarContext context = span == null ? null : ExemplarContext.of(OtelTracingBackend.spanOf(span));
    try {
      if (instrument.counter != null) {
        instrument.counter.add(whole, converted, context == null ? Context.current() : context);
      } else {
        instrument.histogram.record(value, converted, context == null ? Context.current() : context);
      }
    } finally {
      if (context != null) {
        context.clear();
      }
    }
  }

  private Instrument instrumentOf(MetricInstrument instrument) {
    Object converted = instrument.converted();
    if (converted instanceof Instrument && ((Instrument) converted).owner == this) {
      return (Instrument) converted;
    }
    synchronized (instrument) {
      converted = instrument.converted();
      if (converted instanceof Instrument && ((Instrument) converted).owner == this) {
        return (Instrument) converted;
      }
      Instrument made = new Instrument(this, instrument, instrumentCount.getAndIncrement());
      instrument.converted(made);
      return made;
    }
  }

  private Series seriesOf(MetricAttributes attributes) {
    Object converted = attributes.converted();
    if (converted instanceof Series && ((Series) converted).owner == this) {
      return (Series) converted;
    }
    // Equal sets share one Series, so that the cap counts what the SDK counts; past a bound
    // (a module making sets without end) each is left unshared rather than kept here forever.
    Series made = series.size() < seriesLimit * SHARED_SETS_PER_SERIES
        ? series.computeIfAbsent(attributes, key -> new Series(this, attributesOf(key)))
        : new Series(this, attributesOf(attributes));
    attributes.converted(made);
    return made;
  }

  static Attributes attributesOf(MetricAttributes attributes) {
    AttributesBuilder builder = Attributes.builder();
    for (int i = 0; i < attributes.size(); i++) {
      Object value = attributes.value(i);
      if (value instanceof Long) {
        builder.put(AttributeKey.longKey(attributes.name(i)), (Long) value);
      } else if (value instanceof Boolean) {
        builder.put(AttributeKey.booleanKey(attributes.name(i)), (Boolean) value);
      } else {
        builder.put(AttributeKey.stringKey(attributes.name(i)), String.valueOf(value));
      }
    }
    return builder.build();
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  /** An instrument in the SDK, and the attribute sets recorded into it. */
  private static final class Instrument {
    final OtelMetricsBackend owner;
    final LongCounter counter;
    final DoubleHistogram histogram;
    private final SeriesCap cap;

    Instrument(OtelMetricsBackend owner, MetricInstrument instrument, int index) {
      this.owner = owner;
      this.cap = new SeriesCap(instrument.name(), index, owner.seriesLimit);
      if (instrument.kind() == MetricInstrument.Kind.COUNTER) {
        counter = owner.meter.counterBuilder(instrument.name()).setUnit(orEmpty(instrument.unit()))
            .setDescription(orEmpty(instrument.description())).build();
        histogram = null;
      } else {
        DoubleHistogramBuilder builder = owner.meter.histogramBuilder(instrument.name())
            .setUnit(orEmpty(instrument.unit())).setDescription(orEmpty(instrument.description()));
        double[] boundaries = instrument.boundaries();
        if (boundaries != null) {
          List<Double> advice = new ArrayList<Double>();
          for (double boundary : boundaries) {
            advice.add(boundary);
          }
          builder.setExplicitBucketBoundariesAdvice(advice);
        }
        histogram = builder.build();
        counter = null;
      }
    }

    Attributes admit(Series series) {
      cap.admit(series);
      return series.attributes;
    }
  }
}
