package io.warren.smoketest.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;

/**
 * An OTLP/HTTP receiver on a free loopback port (http, or https with a {@link TestCertificate}):
 * decodes each {@code POST /v1/traces} and {@code POST /v1/metrics} with the OpenTelemetry
 * protocol's own classes (gzip too), answers 200 with an empty response, and keeps the spans, the
 * metrics ({@link OtlpMetrics}) and the request headers. Spans
 * are given in the harness's {@link ZipkinSpan} form, so that a test compares the OTLP export
 * with Zipkin's field by field.
 */
public final class OtlpReceiver implements AutoCloseable {
  public static final String TRACES_PATH = "/v1/traces";
  public static final String METRICS_PATH = "/v1/metrics";

  private final HttpServer server;
  private final String scheme;
  private final List<ZipkinSpan> spans = new CopyOnWriteArrayList<>();
  private final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();
  private final OtlpMetrics metrics = new OtlpMetrics();

  private OtlpReceiver(HttpServer server, String scheme) {
    this.server = server;
    this.scheme = scheme;
    server.createContext(TRACES_PATH, exchange -> receive(exchange, this::acceptSpans));
    server.createContext(METRICS_PATH, exchange -> receive(exchange, this::acceptMetrics));
    server.setExecutor(Executors.newFixedThreadPool(4, daemon()));
    server.start();
  }

  /** Plain http. */
  public static OtlpReceiver start() {
    try {
      return new OtlpReceiver(HttpServer.create(loopback(), 50), "http");
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the OTLP receiver", e);
    }
  }

  /** https with {@code certificate}'s key. */
  public static OtlpReceiver startHttps(TestCertificate certificate) {
    try {
      HttpsServer server = HttpsServer.create(loopback(), 50);
      SSLContext tls = certificate.serverContext();
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
      return new OtlpReceiver(server, "https");
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the OTLP receiver", e);
    }
  }

  /** For {@code otel.exporter.otlp.endpoint} (the exporter appends {@code /v1/traces}). */
  public String endpoint() {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  /** For {@code otel.exporter.otlp.metrics.endpoint}. */
  public String metricsEndpoint() {
    return endpoint() + METRICS_PATH;
  }

  /** The metrics received so far, each series at its latest (cumulative) value. */
  public OtlpMetrics metrics() {
    return metrics;
  }

  /** For {@code otel.exporter.otlp.traces.endpoint}. */
  public String tracesEndpoint() {
    return endpoint() + TRACES_PATH;
  }

  public List<ZipkinSpan> spans() {
    return List.copyOf(spans);
  }

  public List<ZipkinSpan> spansOf(String serviceName) {
    return spans.stream().filter(s -> serviceName.equals(s.localServiceName())).toList();
  }

  /** Polls until {@code serviceName} has at least {@code expected} spans or {@code timeout} passes. */
  public List<ZipkinSpan> awaitSpans(String serviceName, int expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ZipkinSpan> found = spansOf(serviceName);
    while (found.size() < expected && System.nanoTime() < deadline) {
      Pause.millis(200);
      found = spansOf(serviceName);
    }
    return found;
  }

  /** Forgets the spans of {@code serviceName} (a benchmark counts each run's, then drops them). */
  public void forget(String serviceName) {
    spans.removeIf(span -> serviceName.equals(span.localServiceName()));
  }

  /** The headers of every export request received, names in lower case. */
  public List<Map<String, List<String>>> requestHeaders() {
    return List.copyOf(requestHeaders);
  }

  /** Decodes one export request with {@code accept}; 400 if its body is not what it should be. */
  private void receive(HttpExchange exchange, ProtobufBody accept) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      requestHeaders.add(headers);
      boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
      try (InputStream body = gzip ? new GZIPInputStream(exchange.getRequestBody())
          : exchange.getRequestBody()) {
        accept.read(body);
      } catch (IOException e) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      // The empty Export*ServiceResponse encodes to no bytes at all.
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, -1);
    }
  }

  private interface ProtobufBody {
    void read(InputStream body) throws IOException;
  }

  private void acceptSpans(InputStream body) throws IOException {
    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      String service = attributes(resourceSpans.getResource()).get("service.name");
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          spans.add(toZipkinForm(service, span));
        }
      }
    }
  }

  private void acceptMetrics(InputStream body) throws IOException {
    ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(body);
    for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
      metrics.add(attributes(resourceMetrics.getResource()).get("service.name"), resourceMetrics);
    }
  }

  private static ZipkinSpan toZipkinForm(String service, Span span) {
    HexFormat hex = HexFormat.of();
    Map<String, String> tags = attributes(span.getAttributesList());
    String parent = span.getParentSpanId().isEmpty() ? null : hex.formatHex(span.getParentSpanId().toByteArray());
    long startMicros = span.getStartTimeUnixNano() / 1000;
    return new ZipkinSpan(
        hex.formatHex(span.getTraceId().toByteArray()),
        hex.formatHex(span.getSpanId().toByteArray()),
        parent,
        kind(span.getKind()),
        span.getName(),
        startMicros,
        span.getEndTimeUnixNano() / 1000 - startMicros,
        service,
        tags.get("peer.service"),
        tags,
        span.getEventsList().stream().map(Span.Event::getName).toList());
  }

  /** As Zipkin names kinds: PRODUCER, CONSUMER, CLIENT, SERVER; none for INTERNAL. */
  private static String kind(Span.SpanKind kind) {
    return switch (kind) {
      case SPAN_KIND_PRODUCER -> "PRODUCER";
      case SPAN_KIND_CONSUMER -> "CONSUMER";
      case SPAN_KIND_CLIENT -> "CLIENT";
      case SPAN_KIND_SERVER -> "SERVER";
      default -> null;
    };
  }

  private static Map<String, String> attributes(Resource resource) {
    return attributes(resource.getAttributesList());
  }

  static Map<String, String> attributes(List<KeyValue> keyValues) {
    Map<String, String> values = new LinkedHashMap<>();
    for (KeyValue keyValue : keyValues) {
      values.put(keyValue.getKey(), text(keyValue.getValue()));
    }
    return values;
  }

  private static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      default -> value.toString().trim();
    };
  }

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return runnable -> {
      Thread thread = new Thread(runnable, "otlp-receiver");
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
