package io.warren.agent.config;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.warren.agent.zipkin.ZipkinExporterProvider;
import io.warren.bootstrap.WarrenLog;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Checks the {@code otel.*} settings the SDK would reject with an exception, and replaces each
 * bad value by its default with one warning. A typo in a property must never cost the
 * application its start, nor cost the user their traces.
 */
public final class ConfigValidator implements Function<ConfigProperties, Map<String, String>> {

  /** The OpenTracing propagator, which carries 64 of a trace id's 128 bits (see OtTraceIds). */
  private static final String OTTRACE = "ottrace";

  /** The service name that replaces an empty one. */
  private final Supplier<String> defaultServiceName;

  public ConfigValidator(Supplier<String> defaultServiceName) {
    this.defaultServiceName = defaultServiceName;
  }

  static final Set<String> EXPORTERS =
      new HashSet<String>(Arrays.asList("zipkin", "otlp", "logging", "console", "none"));
  static final Set<String> SAMPLERS =
      new HashSet<String>(
          Arrays.asList(
              "always_on",
              "always_off",
              "traceidratio",
              "parentbased_always_on",
              "parentbased_always_off",
              "parentbased_traceidratio"));
  static final Set<String> PROPAGATORS =
      new HashSet<String>(
          Arrays.asList("tracecontext", "baggage", "b3", "b3multi", "jaeger", OTTRACE, "none"));

  static final Set<String> METRICS_EXPORTERS =
      new HashSet<String>(Arrays.asList("otlp", "prometheus", "none"));
  static final Set<String> EXEMPLAR_FILTERS =
      new HashSet<String>(Arrays.asList("trace_based", "always_on", "always_off"));

  static final Set<String> TEMPORALITIES =
      new HashSet<String>(Arrays.asList("cumulative", "delta", "lowmemory"));

  static final Set<String> COMPRESSIONS = new HashSet<String>(Arrays.asList("gzip", "none"));

  /** Whole-number settings and the value that replaces a bad one. */
  private static final Map<String, String> POSITIVE_INTEGERS = new LinkedHashMap<String, String>();
  /** Duration settings and the value, in milliseconds, that replaces a bad one. */
  private static final Map<String, String> DURATIONS = new LinkedHashMap<String, String>();

  static {
    POSITIVE_INTEGERS.put("otel.bsp.max.queue.size", String.valueOf(WarrenDefaults.MAX_QUEUE_SIZE));
    POSITIVE_INTEGERS.put("otel.bsp.max.export.batch.size", "512");
    DURATIONS.put("otel.bsp.schedule.delay", "5000");
    DURATIONS.put("otel.bsp.export.timeout", "30000");
    DURATIONS.put(ZipkinExporterProvider.TIMEOUT, "10000");
    DURATIONS.put("otel.exporter.otlp.timeout", "10000");
    DURATIONS.put("otel.exporter.otlp.traces.timeout", "10000");
    DURATIONS.put("otel.exporter.otlp.metrics.timeout", "10000");
    DURATIONS.put("otel.metric.export.interval", "60000");
  }

  @Override
  public Map<String, String> apply(ConfigProperties config) {
    Map<String, String> fixes = new HashMap<String, String>();
    checkList(config, "otel.traces.exporter", EXPORTERS, "zipkin", fixes);
    checkList(config, "otel.metrics.exporter", METRICS_EXPORTERS, "none", fixes);
    checkOneOf(config, "otel.metrics.exemplar.filter", EXEMPLAR_FILTERS, "trace_based", fixes);
    checkOneOf(config, "otel.exporter.otlp.metrics.temporality.preference", TEMPORALITIES, "cumulative", fixes);
    checkPort(config, "otel.exporter.prometheus.port", "9464", fixes);
    checkNone(config, "otel.logs.exporter", fixes);
    checkList(config, "otel.propagators", PROPAGATORS, "tracecontext,baggage", fixes);
    extractOtTraceFirst(config, fixes);
    checkOneOf(config, ZipkinExporterProvider.COMPRESSION, COMPRESSIONS, "none", fixes);
    checkOneOf(config, "otel.exporter.otlp.compression", COMPRESSIONS, "none", fixes);
    checkOneOf(config, "otel.exporter.otlp.traces.compression", COMPRESSIONS, "none", fixes);
    OtlpSettings.check(config, fixes);
    checkSampler(config, fixes);
    checkEndpoint(config, ZipkinExporterProvider.ENDPOINT, ZipkinExporterProvider.DEFAULT_ENDPOINT,
        true, fixes);
    for (Map.Entry<String, String> setting : POSITIVE_INTEGERS.entrySet()) {
      checkPositiveInteger(config, setting.getKey(), setting.getValue(), fixes);
    }
    for (Map.Entry<String, String> setting : DURATIONS.entrySet()) {
      checkDuration(config, setting.getKey(), setting.getValue(), fixes);
    }
    checkResourceAttributes(config, fixes);
    checkServiceName(config, fixes);
    return fixes;
  }

  /**
   * A comma-separated list: unknown entries and repeats are dropped, and so is "none" beside
   * other entries (the SDK rejects both); if nothing is left, the default.
   */
  private static void checkList(
      ConfigProperties config, String key, Set<String> known, String fallback, Map<String, String> fixes) {
    String value = config.getString(key);
    if (value == null) {
      return;
    }
    Set<String> kept = new java.util.LinkedHashSet<String>();
    List<String> unknown = new ArrayList<String>();
    for (String entry : value.split(",")) {
      String name = entry.trim();
      if (known.contains(name)) {
        kept.add(name);
      } else if (!name.isEmpty()) {
        unknown.add(name);
      }
    }
    if (kept.isEmpty()) {
      warn(key, value, "not one of " + known, fallback);
      fixes.put(key, fallback);
      return;
    }
    for (String name : unknown) {
      WarrenLog.warn(key + ": '" + name + "' is not one of " + known + "; ignored");
    }
    if (kept.size() > 1 && kept.remove("none")) {
      WarrenLog.warn(key + ": 'none' cannot be combined with other values; ignored");
    }
    String fixed = String.join(",", kept);
    if (!fixed.equals(value.trim())) {
      fixes.put(key, fixed);
    }
  }

  /**
   * The consumer takes the context of the last propagator that finds one. ottrace's has only
   * 64 bits of the trace id: listed first, it is read only when no other propagator's header is
   * there, and every other one carries the whole id.
   */
  private static void extractOtTraceFirst(ConfigProperties config, Map<String, String> fixes) {
    String key = "otel.propagators";
    String value = fixes.containsKey(key) ? fixes.get(key) : config.getString(key);
    if (value == null) {
      return;
    }
    List<String> propagators = new ArrayList<String>();
    for (String entry : value.split(",")) {
      if (!entry.trim().isEmpty()) {
        propagators.add(entry.trim());
      }
    }
    if (propagators.remove(OTTRACE) && !propagators.isEmpty()) {
      propagators.add(0, OTTRACE);
      String ordered = String.join(",", propagators);
      if (!ordered.equals(value.trim())) {
        fixes.put(key, ordered);
      }
    }
  }

  private static void checkOneOf(
      ConfigProperties config, String key, Set<String> known, String fallback, Map<String, String> fixes) {
    String value = config.getString(key);
    if (value != null && !known.contains(value.trim())) {
      warn(key, value, "not one of " + known, fallback);
      fixes.put(key, fallback);
    }
  }

  private static void checkNone(ConfigProperties config, String key, Map<String, String> fixes) {
    String value = config.getString(key);
    if (value != null && !value.trim().equals("none")) {
      warn(key, value, "Warren exports no logs", "none");
      fixes.put(key, "none");
    }
  }

  private static void checkSampler(ConfigProperties config, Map<String, String> fixes) {
    String sampler = config.getString("otel.traces.sampler");
    if (sampler != null && !SAMPLERS.contains(sampler.trim())) {
      warn("otel.traces.sampler", sampler, "not one of " + SAMPLERS, "parentbased_always_on");
      fixes.put("otel.traces.sampler", "parentbased_always_on");
    }
    String arg = config.getString("otel.traces.sampler.arg");
    if (arg != null) {
      double ratio;
      try {
        ratio = Double.parseDouble(arg.trim());
      } catch (NumberFormatException e) {
        ratio = Double.NaN;
      }
      if (!(ratio >= 0.0 && ratio <= 1.0)) {
        warn("otel.traces.sampler.arg", arg, "a ratio must be between 0 and 1", "1.0");
        fixes.put("otel.traces.sampler.arg", "1.0");
      }
    }
  }

  /**
   * Replaces an endpoint the exporters cannot use with {@code fallback}, with one warning: not a
   * URL, not http(s), no host, or (where {@code queryAllowed} is false, as the OTLP exporter
   * requires) a query or fragment.
   */
  static void checkEndpoint(ConfigProperties config, String key, String fallback,
      boolean queryAllowed, Map<String, String> fixes) {
    String endpoint = config.getString(key);
    if (endpoint == null) {
      return;
    }
    String problem = null;
    try {
      URL url = new URL(endpoint.trim());
      if (!url.getProtocol().equals("http") && !url.getProtocol().equals("https")) {
        problem = "not an http or https URL";
      } else if (url.getHost().isEmpty()) {
        problem = "no host";
      } else if (!queryAllowed && (url.getQuery() != null || url.getRef() != null)) {
        problem = "a query or fragment";
      }
    } catch (MalformedURLException e) {
      problem = "not a URL";
    }
    if (problem != null) {
      warn(key, endpoint, problem, fallback);
      fixes.put(key, fallback);
    } else if (!endpoint.equals(endpoint.trim())) {
      fixes.put(key, endpoint.trim());
    }
  }

  private static void checkPositiveInteger(
      ConfigProperties config, String key, String fallback, Map<String, String> fixes) {
    checkWholeNumber(config, key, 1, Integer.MAX_VALUE, "not a positive whole number", fallback, fixes);
  }

  private static void checkPort(
      ConfigProperties config, String key, String fallback, Map<String, String> fixes) {
    checkWholeNumber(config, key, 0, 65535, "not a port number", fallback, fixes);
  }

  private static void checkWholeNumber(ConfigProperties config, String key, int min, int max,
      String problem, String fallback, Map<String, String> fixes) {
    String value = config.getString(key);
    if (value == null) {
      return;
    }
    try {
      int number = Integer.parseInt(value.trim());
      if (number >= min && number <= max) {
        return;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    warn(key, value, problem, fallback);
    fixes.put(key, fallback);
  }

  private static void checkDuration(
      ConfigProperties config, String key, String fallbackMillis, Map<String, String> fixes) {
    String value = config.getString(key);
    if (value == null) {
      return;
    }
    try {
      if (config.getDuration(key) != null && !value.trim().startsWith("-")) {
        return;
      }
    } catch (RuntimeException e) {
      // reported below
    }
    warn(key, value, "not a duration (e.g. 500, 500ms, 2s)", fallbackMillis + "ms");
    fixes.put(key, fallbackMillis);
  }

  /** Keeps the well-formed {@code key=value} pairs of a list the SDK would reject whole. */
  private static void checkResourceAttributes(ConfigProperties config, Map<String, String> fixes) {
    String key = "otel.resource.attributes";
    String value = config.getString(key);
    if (value == null) {
      return;
    }
    List<String> kept = new ArrayList<String>();
    for (String pair : value.split(",")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && !pair.substring(0, equals).trim().isEmpty()) {
        kept.add(pair.trim());
      } else if (!pair.trim().isEmpty()) {
        WarrenLog.warn(key + ": '" + pair.trim() + "' is not key=value; ignored");
      }
    }
    String fixed = String.join(",", kept);
    if (!fixed.equals(value.trim())) {
      fixes.put(key, fixed);
    }
  }

  /**
   * An empty or blank service name would leave every span without one: the name the resource
   * attributes give, else Warren's default, with one warning.
   */
  private void checkServiceName(ConfigProperties config, Map<String, String> fixes) {
    String key = WarrenDefaults.SERVICE_NAME;
    String value = config.getString(key);
    if (value == null || !value.trim().isEmpty()) {
      return;
    }
    String fromAttributes = WarrenDefaults.serviceNameIn(
        fixes.containsKey(WarrenDefaults.RESOURCE_ATTRIBUTES)
            ? fixes.get(WarrenDefaults.RESOURCE_ATTRIBUTES)
            : config.getString(WarrenDefaults.RESOURCE_ATTRIBUTES));
    String fallback = fromAttributes != null ? fromAttributes : defaultServiceName.get();
    warn(key, value, "empty", fallback);
    fixes.put(key, fallback);
  }

  private static void warn(String key, String value, String problem, String fallback) {
    WarrenLog.warn(key + "=" + value + " is invalid (" + problem + "); using " + fallback);
  }
}
