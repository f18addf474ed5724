package io.warren.bootstrap;

import java.util.Arrays;

/**
 * One set of attributes a measurement is recorded with: names and values (String, Long or
 * Boolean), fixed once made. A module makes each set once per distinct value (a queue, an
 * operation, an outcome) and keeps it, so that recording allocates nothing: the metrics core
 * converts a set to its own form once ({@link #converted}). Values must be bounded (never a
 * routing key or an id): every distinct set is a series of its own.
 */
public final class MetricAttributes {

  private final String[] names;
  private final Object[] values;
  /** The metrics core's form of this set, made on first use; set by the core only. */
  private volatile Object converted;

  private MetricAttributes(String[] names, Object[] values) {
    this.names = names;
    this.values = values;
  }

  /**
   * The set of the name/value pairs given, in order: {@code of("messaging.operation.name", "publish",
   * "messaging.destination.name", "orders")}. A pair whose value is null is left out.
   */
  public static MetricAttributes of(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values come in pairs");
    }
    int count = 0;
    for (int i = 1; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i] != null) {
        count++;
      }
    }
    String[] names = new String[count];
    Object[] values = new Object[count];
    int at = 0;
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object value = namesAndValues[i + 1];
      if (value == null) {
        continue;
      }
      if (!(value instanceof String || value instanceof Long || value instanceof Boolean)) {
        throw new IllegalArgumentException("a String, Long or Boolean: " + namesAndValues[i]);
      }
      names[at] = (String) namesAndValues[i];
      values[at] = value;
      at++;
    }
    return new MetricAttributes(names, values);
  }

  public int size() {
    return names.length;
  }

  public String name(int index) {
    return names[index];
  }

  /** A String, Long or Boolean. */
  public Object value(int index) {
    return values[index];
  }

  /** The value of the attribute named {@code name}; null when the set has none. */
  public Object get(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return values[i];
      }
    }
    return null;
  }

  public Object converted() {
    return converted;
  }

  public void converted(Object value) {
    converted = value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MetricAttributes
        && Arrays.equals(names, ((MetricAttributes) other).names)
        && Arrays.equals(values, ((MetricAttributes) other).values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("{");
    for (int i = 0; i < names.length; i++) {
      text.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(values[i]);
    }
    return text.append('}').toString();
  }
}
