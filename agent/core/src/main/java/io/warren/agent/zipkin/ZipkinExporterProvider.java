package io.warren.agent.zipkin;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.warren.agent.export.ExportOutage;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * The exporter behind {@code otel.traces.exporter=zipkin}, built by Warren's export pipeline:
 * Warren's own, which writes Zipkin's protobuf straight from the SDK's spans and sends it with
 * the JDK's HttpURLConnection (no zipkin2 model, no OkHttp, okio or Kotlin).
 */
public final class ZipkinExporterProvider {

  public static final String ENDPOINT = "otel.exporter.zipkin.endpoint";
  public static final String TIMEOUT = "otel.exporter.zipkin.timeout";
  public static final String COMPRESSION = "otel.exporter.zipkin.compression";
  public static final String DEFAULT_ENDPOINT = "http://localhost:9411/api/v2/spans";
  private static final String RESOURCE_ATTRIBUTES = "otel.resource.attributes";
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private ZipkinExporterProvider() {}

  /** The outage reporting of an exporter made from {@code config}. */
  public static ExportOutage outage(ConfigProperties config) {
    return new ExportOutage("Zipkin", config.getString(ENDPOINT, DEFAULT_ENDPOINT));
  }

  /** How long a connection and a response may take. */
  public static Duration timeout(ConfigProperties config) {
    return config.getDuration(TIMEOUT, DEFAULT_TIMEOUT);
  }

  /**
   * An exporter that reports its failures to {@code outage}, with the resource attributes the
   * user set as tags ({@link ResourceTags}).
   */
  public static SpanExporter createExporter(ConfigProperties config, ExportOutage outage) {
    Set<String> resourceTags =
        new HashSet<String>(config.getMap(RESOURCE_ATTRIBUTES, Collections.<String, String>emptyMap()).keySet());
    resourceTags.remove("service.name");
    return ResourceTags.around(
        exporter(
            config.getString(ENDPOINT, DEFAULT_ENDPOINT),
            timeout(config),
            "gzip".equals(config.getString(COMPRESSION, "none")),
            outage),
        resourceTags);
  }

  public static SpanExporter defaultExporter(ExportOutage outage) {
    return exporter(DEFAULT_ENDPOINT, DEFAULT_TIMEOUT, false, outage);
  }

  /**
   * Uncompressed by default: gzip costs the application more CPU than the bytes it saves cost
   * a network next to Zipkin. {@code otel.exporter.zipkin.compression=gzip} turns it on.
   * Zipkin's protobuf format: cheaper to write than JSON for the application and cheaper to
   * read for Zipkin, so the export keeps up with bursts. Every Zipkin since 2.8 accepts it.
   */
  private static SpanExporter exporter(
      String endpoint, Duration timeout, boolean gzip, ExportOutage outage) {
    int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    return new ZipkinSpanDataExporter(new SpanDataProto3Encoder(),
        new HttpZipkinSender(endpoint, timeoutMillis, gzip), outage);
  }
}
