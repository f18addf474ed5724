package io.warren.bootstrap;

import java.util.Arrays;

/**
 * A metric instrument a module records into: its name, unit, description and kind, as the
 * OpenTelemetry semantic conventions (or Warren's README) write them. Modules keep their
 * instruments in constants, so the metrics core makes each SDK instrument once ({@link
 * #converted}), not per message.
 */
public final class MetricInstrument {

  public enum Kind {
    /** A monotonic sum of longs ({@link Metrics#add}). */
    COUNTER,
    /** A distribution of doubles ({@link Metrics#record}), with explicit bucket boundaries. */
    HISTOGRAM
  }

  private final String name;
  private final String unit;
  private final String description;
  private final Kind kind;
  private final double[] boundaries;
  /** The metrics core's instrument, made on first use; set by the core only. */
  private volatile Object converted;

  private MetricInstrument(String name, String unit, String description, Kind kind, double[] boundaries) {
    this.name = name;
    this.unit = unit;
    this.description = description;
    this.kind = kind;
    this.boundaries = boundaries;
  }

  /** A counter: {@code unit} as the conventions write it, for example {@code "{message}"}. */
  public static MetricInstrument counter(String name, String unit, String description) {
    return new MetricInstrument(name, unit, description, Kind.COUNTER, null);
  }

  /**
   * A histogram with the bucket boundaries given (the conventions' advice); none given: the
   * SDK's default boundaries.
   */
  public static MetricInstrument histogram(
      String name, String unit, String description, double... boundaries) {
    return new MetricInstrument(
        name, unit, description, Kind.HISTOGRAM, boundaries.length == 0 ? null : boundaries.clone());
  }

  public String name() {
    return name;
  }

  public String unit() {
    return unit;
  }

  public String description() {
    return description;
  }

  public Kind kind() {
    return kind;
  }

  /** The explicit bucket boundaries, in ascending order; null for the SDK's default ones. */
  public double[] boundaries() {
    return boundaries == null ? null : boundaries.clone();
  }

  public Object converted() {
    return converted;
  }

  public void converted(Object value) {
    converted = value;
  }

  @Override
  public String toString() {
    return name + (boundaries == null ? "" : Arrays.toString(boundaries));
  }
}
