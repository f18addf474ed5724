package io.warren.agent.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * OpenTelemetry names made Prometheus names, as OpenTelemetry's Prometheus compatibility rules
 * write them: invalid characters become {@code _}, the unit is spelled out and appended
 * ({@code s} becomes {@code _seconds}; annotations such as {@code {message}} are dropped), and
 * counters end in {@code _total}.
 */
final class PrometheusNames {

  private static final Map<String, String> UNITS = new HashMap<String, String>();
  private static final Map<String, String> PER_UNITS = new HashMap<String, String>();

  static {
    String[] units = {
      "d", "days", "h", "hours", "min", "minutes", "s", "seconds", "ms", "milliseconds",
      "us", "microseconds", "ns", "nanoseconds", "By", "bytes", "KiBy", "kibibytes",
      "MiBy", "mebibytes", "GiBy", "gibibytes", "TiBy", "tebibytes", "KBy", "kilobytes",
      "MBy", "megabytes", "GBy", "gigabytes", "TBy", "terabytes", "m", "meters", "V", "volts",
      "A", "amperes", "J", "joules", "W", "watts", "g", "grams", "Cel", "celsius", "Hz", "hertz",
      "%", "percent"
    };
    for (int i = 0; i < units.length; i += 2) {
      UNITS.put(units[i], units[i + 1]);
    }
    String[] perUnits = {"s", "second", "m", "minute", "h", "hour", "d", "day", "w", "week",
        "mo", "month", "y", "year"};
    for (int i = 0; i < perUnits.length; i += 2) {
      PER_UNITS.put(perUnits[i], perUnits[i + 1]);
    }
  }

  private PrometheusNames() {}

  /**
   * The name of a metric family, without {@code _total}: {@code messaging.process.duration} in
   * seconds is {@code messaging_process_duration_seconds}.
   */
  static String family(String name, String unit) {
    String family = sanitize(name, true);
    String suffix = unitSuffix(unit);
    if (!suffix.isEmpty() && !family.endsWith("_" + suffix)) {
      family = family + "_" + suffix;
    }
    if (family.endsWith("_total")) {
      family = family.substring(0, family.length() - "_total".length());
    }
    return family;
  }

  /** An attribute's name as a label's: {@code messaging.destination.name} is {@code messaging_destination_name}. */
  static String label(String name) {
    return sanitize(name, false);
  }

  /** The unit spelled out, {@code foo/bar} as {@code foo_per_bar}; empty for none or {@code 1}. */
  static String unitSuffix(String unit) {
    if (unit == null) {
      return "";
    }
    String plain = unit.replaceAll("\\{[^}]*}", "").trim();
    if (plain.isEmpty() || plain.equals("1")) {
      return "";
    }
    int slash = plain.indexOf('/');
    if (slash < 0) {
      return sanitize(UNITS.getOrDefault(plain, plain), false);
    }
    String over = plain.substring(0, slash).trim();
    String per = plain.substring(slash + 1).trim();
    String overName = over.isEmpty() ? "" : UNITS.getOrDefault(over, over) + "_";
    return sanitize(overName + "per_" + PER_UNITS.getOrDefault(per, per), false);
  }

  /** Characters Prometheus does not allow become {@code _}, runs of {@code _} one; never a leading digit. */
  private static String sanitize(String name, boolean colonAllowed) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || (colonAllowed && c == ':');
      char kept = valid ? c : '_';
      if (kept == '_' && out.length() > 0 && out.charAt(out.length() - 1) == '_') {
        continue;
      }
      out.append(kept);
    }
    if (out.length() == 0 || Character.isDigit(out.charAt(0))) {
      out.insert(0, '_');
    }
    return out.toString();
  }
}
