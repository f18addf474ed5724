package io.warren.agent.config;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.warren.agent.export.Secrets;
import io.warren.bootstrap.WarrenLog;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code otel.exporter.otlp.*} settings: Warren sends OTLP over HTTP (http/protobuf, as the
 * OpenTelemetry Java agent does by default), with the JDK's HttpClient. The checks here replace
 * what the SDK would reject with an exception (the whole configuration with it) and never show
 * a header value, which is often an API key.
 */
public final class OtlpSettings {

  static final String PROTOCOL = "otel.exporter.otlp.protocol";
  static final String TRACES_PROTOCOL = "otel.exporter.otlp.traces.protocol";
  static final String METRICS_PROTOCOL = "otel.exporter.otlp.metrics.protocol";
  static final String ENDPOINT = "otel.exporter.otlp.endpoint";
  static final String TRACES_ENDPOINT = "otel.exporter.otlp.traces.endpoint";
  public static final String RETRY_DISABLED = "otel.java.exporter.otlp.retry.disabled";
  public static final String PROTOCOL_HTTP = "http/protobuf";
  static final String PROTOCOL_GRPC = "grpc";
  static final String DEFAULT_ENDPOINT = "http://localhost:4318";
  static final String TRACES_PATH = "v1/traces";
  static final String METRICS_ENDPOINT = "otel.exporter.otlp.metrics.endpoint";
  static final String METRICS_PATH = "v1/metrics";
  static final int GRPC_PORT = 4317;
  static final int HTTP_PORT = 4318;

  private OtlpSettings() {}

  static void check(ConfigProperties config, Map<String, String> fixes) {
    ConfigValidator.checkEndpoint(config, ENDPOINT, DEFAULT_ENDPOINT, false, fixes);
    ConfigValidator.checkEndpoint(
        config, TRACES_ENDPOINT, DEFAULT_ENDPOINT + "/" + TRACES_PATH, false, fixes);
    ConfigValidator.checkEndpoint(
        config, METRICS_ENDPOINT, DEFAULT_ENDPOINT + "/" + METRICS_PATH, false, fixes);
    checkProtocol(config, fixes);
    checkMetricsProtocol(config, fixes);
    checkHeaders(config, Secrets.HEADERS, fixes);
    checkHeaders(config, Secrets.TRACES_HEADERS, fixes);
  }

  /**
   * The traces endpoint as the SDK's exporter computes it: the traces-specific one as given, else
   * the general one with {@code /v1/traces} appended, else localhost's.
   */
  /** The export's timeout, as the SDK's exporter reads it (10 s by default). */
  public static Duration timeout(ConfigProperties config) {
    return config.getDuration("otel.exporter.otlp.traces.timeout",
        config.getDuration("otel.exporter.otlp.timeout", Duration.ofSeconds(10)));
  }

  public static String endpoint(ConfigProperties config) {
    return endpoint(config, TRACES_ENDPOINT, TRACES_PATH);
  }

  /** The metrics endpoint, as the SDK's metric exporter computes it ({@code /v1/metrics}). */
  public static String metricsEndpoint(ConfigProperties config) {
    return endpoint(config, METRICS_ENDPOINT, METRICS_PATH);
  }

  private static String endpoint(ConfigProperties config, String signalKey, String signalPath) {
    String signal = config.getString(signalKey);
    if (signal != null) {
      return signal;
    }
    String base = config.getString(ENDPOINT, DEFAULT_ENDPOINT);
    return base + (base.endsWith("/") ? "" : "/") + signalPath;
  }

  /** ", headers x-api-key=***": the names of the headers sent, never their values. */
  public static String describeHeaders(ConfigProperties config) {
    Map<String, String> headers = config.getMap(Secrets.TRACES_HEADERS);
    if (headers.isEmpty()) {
      headers = config.getMap(Secrets.HEADERS);
    }
    if (headers.isEmpty()) {
      return "";
    }
    List<String> names = new ArrayList<String>();
    for (String name : headers.keySet()) {
      names.add(name + "=" + Secrets.MASK);
    }
    return ", headers " + String.join(",", names);
  }

  /**
   * The SDK's exporter speaks gRPC only with a gRPC library (OkHttp or grpc-java) Warren does not
   * carry: {@code grpc} becomes http/protobuf with one warning, and an endpoint on gRPC's port
   * 4317 moves to 4318, where collectors listen for OTLP over HTTP.
   */
  private static void checkProtocol(ConfigProperties config, Map<String, String> fixes) {
    String key = config.getString(TRACES_PROTOCOL) != null ? TRACES_PROTOCOL : PROTOCOL;
    String protocol = config.getString(key, PROTOCOL_HTTP).trim();
    if (protocol.equals(PROTOCOL_HTTP)) {
      return;
    }
    fixes.put(key, PROTOCOL_HTTP);
    if (!protocol.equals(PROTOCOL_GRPC)) {
      WarrenLog.warn(key + "=" + protocol + " is invalid (not " + PROTOCOL_HTTP + " or "
          + PROTOCOL_GRPC + "); using " + PROTOCOL_HTTP);
      return;
    }
    String moved = "";
    String endpointKey = fixes.containsKey(TRACES_ENDPOINT) || config.getString(TRACES_ENDPOINT) != null
        ? TRACES_ENDPOINT : ENDPOINT;
    String endpoint = fixes.containsKey(endpointKey) ? fixes.get(endpointKey) : config.getString(endpointKey);
    String httpEndpoint = endpoint == null ? null : httpEndpointFor(endpoint, endpointKey.equals(TRACES_ENDPOINT));
    if (httpEndpoint != null && !httpEndpoint.equals(endpoint)) {
      fixes.put(endpointKey, httpEndpoint);
      moved = ", and " + endpointKey + "=" + httpEndpoint;
    }
    WarrenLog.warn(key + "=grpc is not supported (Warren sends OTLP over HTTP); using "
        + PROTOCOL_HTTP + moved);
  }

  /** Metrics go over HTTP too: any other protocol is one warning (the SDK would find no sender). */
  private static void checkMetricsProtocol(ConfigProperties config, Map<String, String> fixes) {
    String protocol = config.getString(METRICS_PROTOCOL);
    if (protocol != null && !protocol.trim().equals(PROTOCOL_HTTP)) {
      WarrenLog.warn(METRICS_PROTOCOL + "=" + protocol.trim() + " is not supported (Warren sends "
          + "OTLP over HTTP); using " + PROTOCOL_HTTP);
      fixes.put(METRICS_PROTOCOL, PROTOCOL_HTTP);
    }
  }

  /**
   * A gRPC endpoint made an HTTP one: port 4317 becomes 4318, and a traces-specific endpoint
   * without a path (gRPC has none) gets {@code /v1/traces}; null when it is not a URL.
   */
  static String httpEndpointFor(String grpcEndpoint, boolean tracesSpecific) {
    URL url;
    try {
      url = new URL(grpcEndpoint.trim());
    } catch (MalformedURLException e) {
      return null;
    }
    int port = url.getPort() == GRPC_PORT ? HTTP_PORT : url.getPort();
    String path = url.getPath();
    if (tracesSpecific && (path.isEmpty() || path.equals("/"))) {
      path = "/" + TRACES_PATH;
    }
    return url.getProtocol() + "://" + url.getHost() + (port < 0 ? "" : ":" + port) + path;
  }

  /**
   * Keeps the well-formed {@code name=value} entries; the SDK would reject the whole list with a
   * message quoting it, secrets included. The warnings name entries by position or header name.
   */
  private static void checkHeaders(ConfigProperties config, String key, Map<String, String> fixes) {
    String value = config.getString(key);
    if (value == null) {
      return;
    }
    List<String> kept = new ArrayList<String>();
    String[] entries = value.split(",");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      int equals = entry.indexOf('=');
      if (entry.isEmpty()) {
        continue;
      }
      if (equals <= 0 || entry.substring(0, equals).trim().isEmpty()) {
        WarrenLog.warn(key + ": entry " + (i + 1) + " is not name=value; ignored "
            + "(header values are never shown)");
      } else if (Secrets.decoded(entry.substring(equals + 1).trim()) == null) {
        WarrenLog.warn(key + ": the value of header '" + entry.substring(0, equals).trim()
            + "' is not URL-encoded properly (a '%' must start %XX); ignored");
      } else {
        kept.add(entry);
      }
    }
    String fixed = String.join(",", kept);
    if (!fixed.equals(value.trim())) {
      fixes.put(key, fixed);
    }
  }
}
