package io.warren.bootstrap;

/**
 * The static entry point modules record metrics through, beside the spans they mirror. It holds
 * the backend the agent installed ({@link MetricsBackend#NONE} until then, and for good when
 * metrics are off) and, like {@link Tracing}, never throws into the application. Check {@link
 * #enabled} before working out a value that costs something to measure.
 */
public final class Metrics {

  private static volatile MetricsBackend backend = MetricsBackend.NONE;
  private static volatile String serviceName;

  private Metrics() {}

  /** Installs the backend (null: none). */
  public static void install(MetricsBackend installed) {
    backend = installed == null ? MetricsBackend.NONE : installed;
  }

  /**
   * The core tells the service's name ({@code service.name} of its resource), for measurements
   * that name the service a message came from.
   */
  public static void serviceName(String name) {
    serviceName = name;
  }

  /** The service's name as the core resolved it; null until the core has said. */
  public static String serviceName() {
    return serviceName;
  }

  /**
   * True when a metrics backend is installed: metrics are on. While the agent starts, waits for it
   * as the first span does, so that the first messages are counted too.
   */
  public static boolean enabled() {
    if (backend == MetricsBackend.NONE && Tracing.isStarting() && !AgentThreads.isCurrent()) {
      Tracing.awaitStarted();
    }
    return backend != MetricsBackend.NONE;
  }

  /**
   * Adds {@code value} to a counter.
   *
   * @param span the handle of the measured message's span, for the exemplar; null: the current span
   */
  public static void add(MetricInstrument counter, MetricAttributes attributes, long value, Object span) {
    MetricsBackend installed = backend;
    if (installed == MetricsBackend.NONE || AgentThreads.isCurrent()) {
      return;
    }
    try {
      installed.add(counter, attributes, value, span);
    } catch (Throwable t) {
      AdviceErrors.report(t);
    }
  }

  /**
   * Records {@code value} into a histogram.
   *
   * @param span the handle of the measured message's span, for the exemplar; null: the current span
   */
  public static void record(MetricInstrument histogram, MetricAttributes attributes, double value, Object span) {
    MetricsBackend installed = backend;
    if (installed == MetricsBackend.NONE || AgentThreads.isCurrent()) {
      return;
    }
    try {
      installed.record(histogram, attributes, value, span);
    } catch (Throwable t) {
      AdviceErrors.report(t);
    }
  }

  /** Records a duration given in nanoseconds into a histogram whose unit is seconds. */
  public static void recordSeconds(MetricInstrument histogram, MetricAttributes attributes, long nanos, Object span) {
    record(histogram, attributes, nanos / 1e9, span);
  }
}
