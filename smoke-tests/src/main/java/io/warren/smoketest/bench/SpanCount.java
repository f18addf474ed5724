package io.warren.smoketest.bench;

import io.warren.smoketest.harness.Pause;
import io.warren.smoketest.harness.ZipkinSpan;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * How many spans of one service Zipkin holds, by kind. {@code ZipkinClient} reads at most 1000
 * traces into objects; a benchmark run leaves tens of thousands, so this streams the answer and
 * only counts.
 *
 * @param messaging PRODUCER and CONSUMER spans (what both agents make per publish and delivery)
 * @param other every other span of the service (for example CLIENT spans for queue.declare)
 * @param otherNames how many of the other spans had each name
 * @param kinds how many spans of the service had each kind (PRODUCER, CONSUMER, ...)
 */
public record SpanCount(long messaging, long other, Map<String, Long> otherNames,
    Map<String, Long> kinds) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public long total() {
    return messaging + other;
  }

  /** How many spans of the service had {@code kind}. */
  public long ofKind(String kind) {
    return kinds.getOrDefault(kind, 0L);
  }

  /** Counts now, asking up to three times: a large answer can fail on a busy Zipkin. */
  public static SpanCount of(String zipkinBaseUrl, String serviceName) {
    RuntimeException failure = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        return once(zipkinBaseUrl, serviceName);
      } catch (RuntimeException e) {
        failure = e;
        Pause.millis(2000L * attempt);
      }
    }
    throw failure;
  }

  private static SpanCount once(String zipkinBaseUrl, String serviceName) {
    String service = serviceName.toLowerCase(Locale.ROOT);
    String path = "/api/v2/traces?limit=200000&lookback=" + Duration.ofDays(1).toMillis()
        + "&endTs=" + System.currentTimeMillis()
        + "&serviceName=" + URLEncoder.encode(service, StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(URI.create(zipkinBaseUrl + path))
        .timeout(Duration.ofSeconds(120)).header("Accept", "application/json").build();
    try {
      HttpResponse<InputStream> response =
          HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body(); JsonParser parser = JSON.createParser(body)) {
        if (response.statusCode() != 200) {
          throw new IllegalStateException("Zipkin answered " + response.statusCode() + " for "
              + path + ": " + new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
        long messaging = 0;
        long other = 0;
        Map<String, Long> otherNames = new TreeMap<>();
        Map<String, Long> kinds = new TreeMap<>();
        if (parser.nextToken() != JsonToken.START_ARRAY) {
          throw new IllegalStateException("Zipkin's traces are not a JSON array");
        }
        while (parser.nextToken() == JsonToken.START_ARRAY) { // one trace
          while (parser.nextToken() == JsonToken.START_OBJECT) { // one span
            JsonNode span = parser.readValueAsTree();
            if (!service.equals(span.path("localEndpoint").path("serviceName").asText())) {
              continue;
            }
            String kind = span.path("kind").asText("");
            kinds.merge(kind, 1L, Long::sum);
            if (kind.equals("PRODUCER") || kind.equals("CONSUMER")) {
              messaging++;
            } else {
              other++;
              otherNames.merge(kind + " " + span.path("name").asText(""), 1L, Long::sum);
            }
          }
        }
        return new SpanCount(messaging, other, Map.copyOf(otherNames), Map.copyOf(kinds));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Zipkin request failed: " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Counts spans already received (by the benchmark's OTLP receiver). */
  public static SpanCount of(List<ZipkinSpan> spans) {
    long messaging = 0;
    long other = 0;
    Map<String, Long> otherNames = new TreeMap<>();
    Map<String, Long> kinds = new TreeMap<>();
    for (ZipkinSpan span : spans) {
      kinds.merge(String.valueOf(span.kind()), 1L, Long::sum);
      if ("PRODUCER".equals(span.kind()) || "CONSUMER".equals(span.kind())) {
        messaging++;
      } else {
        other++;
        otherNames.merge(span.kind() + " " + span.name(), 1L, Long::sum);
      }
    }
    return new SpanCount(messaging, other, Map.copyOf(otherNames), Map.copyOf(kinds));
  }

  /** {@link #await(Supplier, long, Duration, Duration)} on Zipkin's count for one service. */
  public static SpanCount await(String zipkinBaseUrl, String serviceName, long expectedMessaging,
      Duration quiet, Duration timeout) {
    return await(() -> of(zipkinBaseUrl, serviceName), expectedMessaging, quiet, timeout);
  }

  /**
   * Polls until at least {@code expectedMessaging} messaging spans arrived, or the count has not
   * moved for {@code quiet}, or {@code timeout} passed; returns the last count.
   */
  public static SpanCount await(Supplier<SpanCount> count, long expectedMessaging,
      Duration quiet, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    SpanCount last = count.get();
    long lastChange = System.nanoTime();
    while (System.nanoTime() < deadline) {
      if (last.messaging() >= expectedMessaging) {
        Pause.millis(500); // anything extra (duplicates, more spans than expected) shows up too
        return count.get();
      }
      if (System.nanoTime() - lastChange >= quiet.toNanos()) {
        return last;
      }
      Pause.millis(500);
      SpanCount now = count.get();
      if (!now.equals(last)) {
        lastChange = System.nanoTime();
      }
      last = now;
    }
    return last;
  }
}
