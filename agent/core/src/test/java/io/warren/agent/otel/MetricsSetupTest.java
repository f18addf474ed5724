package io.warren.agent.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.warren.agent.StandardError;
import io.warren.agent.api.Settings;
import io.warren.bootstrap.MetricAttributes;
import io.warren.bootstrap.MetricInstrument;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** otel.metrics.exporter and its settings, as a user sets them: what starts, what is served, what is logged. */
class MetricsSetupTest {

  private static final MetricInstrument DURATION = MetricInstrument.histogram(
      "messaging.process.duration", "s", "Duration of processing operation.", 0.005, 0.01, 0.025, 0.05, 0.1);
  private static final MetricInstrument SENT = MetricInstrument.counter(
      "messaging.client.sent.messages", "{message}", "Number of messages producer attempted to send.");
  private static final MetricAttributes ORDERS =
      MetricAttributes.of("messaging.operation.name", "process", "messaging.destination.name", "orders");

  private OtelSetup.Started started;

  @AfterEach
  void stop() {
    if (started != null) {
      started.sdk.shutdown().join(10, TimeUnit.SECONDS);
    }
    Settings.useOverlay(Map.of());
  }

  private String start(Map<String, String> settings) {
    Map<String, String> all = new HashMap<String, String>(settings);
    all.putIfAbsent("otel.traces.exporter", "none");
    Settings.useOverlay(all);
    return StandardError.of(() -> started = OtelSetup.startWithMetrics(Map.of()));
  }

  @Test
  void metricsAreOffByDefault() {
    String log = start(Map.of());
    assertNull(started.metrics);
    assertEquals("", log);
  }

  @Test
  void theServiceNameIsTheResourcesOneAModuleFoundOrTheUserSet() {
    Settings.useOverlay(Map.of("otel.traces.exporter", "none"));
    started = OtelSetup.startWithMetrics(Map.of("service.name", "orders-app"));
    assertEquals("orders-app", started.serviceName, "a module's (Spring's application name)");
    started.sdk.shutdown().join(10, TimeUnit.SECONDS);

    start(Map.of("otel.service.name", "billing"));
    assertEquals("billing", started.serviceName, "the user's, over a module's");
  }

  @Test
  void aBadExporterIsOneWarningAndNone() {
    String log = start(Map.of("otel.metrics.exporter", "prometeus"));
    assertNull(started.metrics);
    assertEquals(1, log.lines().count(), log);
    assertTrue(log.contains("otel.metrics.exporter=prometeus is invalid"), log);
    assertTrue(log.contains("using none"), log);
  }

  @Test
  void prometheusServesTheTextFormat() throws Exception {
    int port = freePort();
    start(Map.of("otel.metrics.exporter", "prometheus", "otel.exporter.prometheus.port", String.valueOf(port)));
    started.metrics.add(SENT, ORDERS, 3, null);
    started.metrics.record(DURATION, ORDERS, 0.02, null);

    HttpResponse<String> scrape = scrape("127.0.0.1", port, "text/plain");
    assertEquals("text/plain; version=0.0.4; charset=utf-8", scrape.headers().firstValue("Content-Type").get());
    List<String> lines = scrape.body().lines().collect(Collectors.toList());
    String labels = "messaging_destination_name=\"orders\",messaging_operation_name=\"process\"";
    assertTrue(lines.contains("# TYPE messaging_client_sent_messages_total counter"), scrape.body());
    assertTrue(lines.contains("messaging_client_sent_messages_total{" + labels + "} 3"), scrape.body());
    assertTrue(lines.contains("# TYPE messaging_process_duration_seconds histogram"), scrape.body());
    assertTrue(lines.contains("messaging_process_duration_seconds_bucket{" + labels + ",le=\"0.01\"} 0"), scrape.body());
    assertTrue(lines.contains("messaging_process_duration_seconds_bucket{" + labels + ",le=\"0.025\"} 1"), scrape.body());
    assertTrue(lines.contains("messaging_process_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} 1"), scrape.body());
    assertTrue(lines.contains("messaging_process_duration_seconds_count{" + labels + "} 1"), scrape.body());
    assertTrue(lines.contains("messaging_process_duration_seconds_sum{" + labels + "} 0.02"), scrape.body());
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("target_info{") && line.contains("service_name=")),
        scrape.body());
    assertFalse(scrape.body().contains("# {"), "no exemplars in the text format");
  }

  @Test
  void openMetricsCarriesTheExemplarOfASpanGivenFromAnotherThread() throws Exception {
    int port = freePort();
    start(Map.of("otel.metrics.exporter", "prometheus", "otel.exporter.prometheus.port", String.valueOf(port)));
    Span measured = started.sdk.getTracer("test").spanBuilder("process orders").startSpan();
    Span currentThere = started.sdk.getTracer("test").spanBuilder("other").startSpan();
    Thread other = new Thread(() -> {
      try (io.opentelemetry.context.Scope scope = currentThere.makeCurrent()) {
        started.metrics.record(DURATION, ORDERS, 0.07, measured);
        started.metrics.add(SENT, ORDERS, 1, measured);
      }
    });
    other.start();
    other.join();
    measured.end();
    currentThere.end();

    HttpResponse<String> scrape = scrape("127.0.0.1", port, "application/openmetrics-text; version=1.0.0");
    assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8",
        scrape.headers().firstValue("Content-Type").get());
    String exemplar = " # {trace_id=\"" + measured.getSpanContext().getTraceId() + "\",span_id=\""
        + measured.getSpanContext().getSpanId() + "\"} ";
    String bucket = scrape.body().lines()
        .filter(line -> line.startsWith("messaging_process_duration_seconds_bucket{") && line.contains("le=\"0.1\""))
        .findFirst().orElseThrow();
    assertTrue(bucket.contains("} 1" + exemplar + "0.07 "), bucket);
    assertTrue(scrape.body().lines().anyMatch(line ->
        line.startsWith("messaging_client_sent_messages_total{") && line.contains("} 1" + exemplar + "1.0 ")),
        scrape.body());
    assertTrue(scrape.body().contains("# TYPE messaging_client_sent_messages counter\n"), scrape.body());
    assertTrue(scrape.body().contains("# TYPE target info\n"), scrape.body());
    assertTrue(scrape.body().endsWith("# EOF\n"), scrape.body());
    assertFalse(scrape.body().contains(currentThere.getSpanContext().getSpanId()), scrape.body());
  }

  @Test
  void withoutASpanGivenTheExemplarIsTheCurrentSpans() throws Exception {
    int port = freePort();
    start(Map.of("otel.metrics.exporter", "prometheus", "otel.exporter.prometheus.port", String.valueOf(port)));
    Span current = started.sdk.getTracer("test").spanBuilder("process orders").startSpan();
    try (io.opentelemetry.context.Scope scope = current.makeCurrent()) {
      started.metrics.record(DURATION, ORDERS, 0.004, null);
    }
    current.end();
    String bucket = scrape("127.0.0.1", port, "application/openmetrics-text").body().lines()
        .filter(line -> line.startsWith("messaging_process_duration_seconds_bucket{") && line.contains("le=\"0.005\""))
        .findFirst().orElseThrow();
    assertTrue(bucket.contains("} 1 # {trace_id=\"" + current.getSpanContext().getTraceId() + "\",span_id=\""
        + current.getSpanContext().getSpanId() + "\"} 0.004 "), bucket);
  }

  @Test
  void theHostIsWhereTheEndpointListens() throws Exception {
    int port = freePort();
    start(Map.of("otel.metrics.exporter", "prometheus",
        "otel.exporter.prometheus.host", "127.0.0.1", "otel.exporter.prometheus.port", String.valueOf(port)));
    assertEquals(200, scrape("127.0.0.1", port, "text/plain").statusCode());
    assertEquals(404, get("127.0.0.1", port, "/other").statusCode());
  }

  @Test
  void aPortInUseIsOneLineAndTheStartGoesOn() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      String log = start(Map.of("otel.metrics.exporter", "prometheus",
          "otel.exporter.prometheus.port", String.valueOf(taken.getLocalPort())));
      assertEquals(1, log.lines().count(), log);
      assertTrue(log.contains("the Prometheus endpoint cannot listen on 0.0.0.0:" + taken.getLocalPort()), log);
      assertNull(started.metrics, "no reader left: metrics stay off");
      assertTrue(started.sdk.getTracer("t").spanBuilder("s").startSpan().getSpanContext().isValid());
    }
  }

  @Test
  void aBadPortIsOneWarningAndTheDefault() {
    String log = start(Map.of("otel.metrics.exporter", "none", "otel.exporter.prometheus.port", "http"));
    assertEquals(1, log.lines().count(), log);
    assertTrue(log.contains("otel.exporter.prometheus.port=http is invalid (not a port number); using 9464"), log);
  }

  @Test
  void pastTheSeriesLimitIsTheOverflowSeriesAndOneLine() throws Exception {
    int port = freePort();
    String log = start(Map.of("otel.metrics.exporter", "prometheus", "otel.exporter.prometheus.port",
        String.valueOf(port), "warren.metrics.cardinality.limit", "3"));
    assertEquals("", log);
    String recording = StandardError.of(() -> {
      for (int i = 0; i < 10; i++) {
        started.metrics.add(SENT, MetricAttributes.of("messaging.destination.name", "queue-" + i), 1, null);
      }
      started.metrics.add(SENT, MetricAttributes.of("messaging.destination.name", "queue-9"), 1, null);
    });
    List<String> series = scrape("127.0.0.1", port, "text/plain").body().lines()
        .filter(line -> line.startsWith("messaging_client_sent_messages_total{")).collect(Collectors.toList());
    assertEquals(4, series.size(), String.join("\n", series));
    assertTrue(series.contains("messaging_client_sent_messages_total{otel_metric_overflow=\"true\"} 8"),
        String.join("\n", series));
    assertEquals(1, recording.lines().count(), recording);
    assertTrue(recording.contains("metric messaging.client.sent.messages has more than 3 attribute sets "
        + "(warren.metrics.cardinality.limit)"), recording);
  }

  @Test
  void otlpExportsAtTheIntervalGiven() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      String log = start(Map.of("otel.metrics.exporter", "otlp", "otel.metric.export.interval", "200",
          "otel.exporter.otlp.endpoint", "http://127.0.0.1:" + receiver.port()));
      assertEquals("", log);
      assertNotNull(started.metrics);
      started.metrics.add(SENT, ORDERS, 1, null);
      // The default interval is a minute: an export within the wait is the setting's.
      String path = receiver.paths.poll(20, TimeUnit.SECONDS);
      assertNotNull(path, "no export");
      assertEquals("/v1/metrics", path);
    }
  }

  @Test
  void anOtlpEndpointThatIsDownIsOneLinePerOutage() throws Exception {
    int closed = freePort();
    start(Map.of("otel.metrics.exporter", "otlp",
        "otel.exporter.otlp.metrics.endpoint", "http://127.0.0.1:" + closed + "/v1/metrics"));
    String log = StandardError.of(() -> {
      for (int i = 0; i < 3; i++) {
        started.metrics.add(SENT, ORDERS, 1, null);
        started.sdk.getSdkMeterProvider().forceFlush().join(10, TimeUnit.SECONDS);
      }
    });
    assertEquals(1, log.lines().count(), log);
    assertTrue(log.contains("cannot send metrics to OTLP at http://127.0.0.1:" + closed + "/v1/metrics"), log);
    assertTrue(log.contains("metrics are dropped until it answers again"), log);
  }

  @Test
  void otlpAndPrometheusTogether() throws Exception {
    int port = freePort();
    String log = start(Map.of("otel.metrics.exporter", "otlp,prometheus",
        "otel.exporter.prometheus.port", String.valueOf(port)));
    assertEquals("", log);
    started.metrics.add(SENT, ORDERS, 2, null);
    assertTrue(scrape("127.0.0.1", port, "text/plain").body().contains("messaging_client_sent_messages_total{"));
  }

  private static HttpResponse<String> scrape(String host, int port, String accept) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/metrics")).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String host, int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * A stand-in for an OTLP collector on plain sockets (agent/core's tests name no HTTP server
   * library): keeps each request's path and answers 200, one request per connection.
   */
  private static final class OtlpReceiver implements AutoCloseable {

    final BlockingQueue<String> paths = new LinkedBlockingQueue<String>();
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

    OtlpReceiver() throws IOException {
      Thread acceptor = new Thread(this::accept, "otlp-receiver");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    private void accept() {
      while (!socket.isClosed()) {
        try (Socket connection = socket.accept()) {
          InputStream in = new BufferedInputStream(connection.getInputStream());
          String path = readLine(in).split(" ")[1];
          long length = 0;
          for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
              length = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
          in.readNBytes((int) length);
          OutputStream out = connection.getOutputStream();
          out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          paths.add(path);
        } catch (IOException | RuntimeException e) {
          // closed, or a client that went away: the test asserts on what was received
        }
      }
    }

    private static String readLine(InputStream in) throws IOException {
      StringBuilder line = new StringBuilder();
      for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
        if (b != '\r') {
          line.append((char) b);
        }
      }
      return line.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
