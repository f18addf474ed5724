package io.warren.smoketest.harness;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Zipkin in bulk, for runs with tens of thousands of spans: every span of a service
 * (streamed, without {@link ZipkinClient}'s 1000-trace limit) and the collector's own count of
 * the spans it received.
 */
public final class ZipkinBulk {
  private static final long ONE_DAY_MS = Duration.ofDays(1).toMillis();
  private static final Pattern SPANS_TOTAL =
      Pattern.compile("^zipkin_collector_spans_total\\{transport=\"http\",?\\} ([0-9.E]+)$",
          Pattern.MULTILINE);

  private final String baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  public ZipkinBulk(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Spans whose local service is {@code serviceName}, from all of its traces. */
  public List<ZipkinSpan> spansOf(String serviceName) {
    String service = serviceName.toLowerCase(Locale.ROOT);
    String path = "/api/v2/traces?limit=1000000&lookback=" + ONE_DAY_MS
        + "&endTs=" + System.currentTimeMillis()
        + "&serviceName=" + URLEncoder.encode(service, StandardCharsets.UTF_8);
    List<ZipkinSpan> result = new ArrayList<>();
    try (InputStream body = get(path); JsonParser parser = json.getFactory().createParser(body)) {
      expect(parser.nextToken(), JsonToken.START_ARRAY);
      while (parser.nextToken() == JsonToken.START_ARRAY) { // one trace
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          JsonNode node = json.readTree(parser);
          ZipkinSpan span = ZipkinSpan.from(node);
          if (service.equals(span.localServiceName())) {
            result.add(span);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the traces of " + serviceName, e);
    }
    return result;
  }

  /**
   * Polls until {@code serviceName} has at least {@code expected} spans or {@code timeout}
   * passes, then reads once more after {@code settle} so that extra spans show up too.
   */
  public List<ZipkinSpan> awaitSpans(
      String serviceName, int expected, Duration timeout, Duration settle) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ZipkinSpan> spans = spansOf(serviceName);
    while (spans.size() < expected && System.nanoTime() < deadline) {
      Pause.millis(1000);
      spans = spansOf(serviceName);
    }
    Pause.millis(settle.toMillis());
    return spansOf(serviceName);
  }

  /** How many spans Zipkin's HTTP collector has received since it started (all services). */
  public long receivedSpans() {
    try (InputStream body = get("/prometheus")) {
      String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
      Matcher matcher = SPANS_TOTAL.matcher(text);
      if (!matcher.find()) {
        throw new IllegalStateException("no zipkin_collector_spans_total in /prometheus");
      }
      return (long) Double.parseDouble(matcher.group(1));
    } catch (IOException e) {
      throw new UncheckedIOException("reading Zipkin's metrics", e);
    }
  }

  /** Polls {@link #receivedSpans} until it holds {@code done}, or {@code timeout} passes. */
  public long awaitReceivedSpans(Predicate<Long> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long received = receivedSpans();
    while (!done.test(received) && System.nanoTime() < deadline) {
      Pause.millis(500);
      received = receivedSpans();
    }
    return received;
  }

  private InputStream get(String path) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(120)).build();
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        throw new IllegalStateException("Zipkin answered " + response.statusCode() + " for "
            + path + ": " + body);
      }
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + " but got " + actual);
    }
  }
}
