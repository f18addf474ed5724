package io.warren.bootstrap;

/**
 * What {@link Metrics} asks of the metrics core. Like {@link TracingBackend}, only JDK and
 * bootstrap types cross it. A span handle passed with a measurement is the span of the message
 * measured (a handle from {@link Tracing}, or null for the span current on this thread): the
 * core takes its trace and span ids as the measurement's exemplar, so that a histogram's bucket
 * leads to a trace, also where the measurement is made on another thread than the span's (a
 * publisher confirm on the client's connection thread).
 */
public interface MetricsBackend {

  /** Records nothing: metrics are off (the default, {@code otel.metrics.exporter=none}). */
  MetricsBackend NONE = new MetricsBackend() {
    @Override
    public void add(MetricInstrument counter, MetricAttributes attributes, long value, Object span) {}

    @Override
    public void record(MetricInstrument histogram, MetricAttributes attributes, double value, Object span) {}
  };

  /** Adds {@code value} to a {@link MetricInstrument.Kind#COUNTER}. */
  void add(MetricInstrument counter, MetricAttributes attributes, long value, Object span);

  /** Records {@code value} into a {@link MetricInstrument.Kind#HISTOGRAM}. */
  void record(MetricInstrument histogram, MetricAttributes attributes, double value, Object span);
}
