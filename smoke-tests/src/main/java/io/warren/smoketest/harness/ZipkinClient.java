package io.warren.smoketest.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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

/** Reads traces and dependency links from Zipkin's v2 HTTP API. */
public final class ZipkinClient {
  /** How long {@code await*} methods poll by default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  private static final long ONE_DAY_MS = Duration.ofDays(1).toMillis();

  private final String baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  public ZipkinClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Traces that contain a span of {@code serviceName} (Zipkin lowercases service names). */
  public List<List<ZipkinSpan>> traces(String serviceName) {
    JsonNode traces = get("/api/v2/traces?limit=1000&lookback=" + ONE_DAY_MS
        + "&endTs=" + System.currentTimeMillis()
        + "&serviceName=" + encode(serviceName.toLowerCase(Locale.ROOT)));
    List<List<ZipkinSpan>> result = new ArrayList<>();
    traces.forEach(trace -> result.add(spans(trace)));
    return result;
  }

  /** All spans of one trace; empty if Zipkin does not know it. */
  public List<ZipkinSpan> trace(String traceId) {
    JsonNode trace = getOrNull("/api/v2/trace/" + encode(traceId));
    return trace == null ? List.of() : spans(trace);
  }

  /** The dependency graph for the last day. */
  public List<DependencyLink> dependencies() {
    JsonNode links = get("/api/v2/dependencies?endTs=" + System.currentTimeMillis()
        + "&lookback=" + ONE_DAY_MS);
    List<DependencyLink> result = new ArrayList<>();
    links.forEach(link -> result.add(new DependencyLink(
        link.path("parent").asText(), link.path("child").asText(),
        link.path("callCount").asLong(), link.path("errorCount").asLong())));
    return result;
  }

  /** Spans whose local service is {@code serviceName}, across all its traces. */
  public List<ZipkinSpan> spansOf(String serviceName) {
    String service = serviceName.toLowerCase(Locale.ROOT);
    List<ZipkinSpan> result = new ArrayList<>();
    for (List<ZipkinSpan> trace : traces(service)) {
      for (ZipkinSpan span : trace) {
        if (service.equals(span.localServiceName())) {
          result.add(span);
        }
      }
    }
    return result;
  }

  /**
   * Polls until {@code serviceName} has at least {@code expected} spans, then polls once more
   * after a short pause so that extra, unexpected spans show up too. Returns what it saw last,
   * which may be fewer than expected if the timeout passed.
   */
  public List<ZipkinSpan> awaitSpans(String serviceName, int expected) {
    return awaitSpans(serviceName, expected, DEFAULT_TIMEOUT);
  }

  public List<ZipkinSpan> awaitSpans(String serviceName, int expected, Duration timeout) {
    List<ZipkinSpan> spans = poll(() -> spansOf(serviceName), s -> s.size() >= expected, timeout);
    if (spans.size() >= expected) {
      Pause.millis(500);
      spans = spansOf(serviceName);
    }
    return spans;
  }

  /** Polls one trace until it has at least {@code expected} spans or the timeout passes. */
  public List<ZipkinSpan> awaitTrace(String traceId, int expected) {
    List<ZipkinSpan> spans = poll(() -> trace(traceId), s -> s.size() >= expected, DEFAULT_TIMEOUT);
    if (spans.size() >= expected) {
      Pause.millis(500);
      spans = trace(traceId);
    }
    return spans;
  }

  /** Polls the dependency graph until {@code done} holds or the timeout passes. */
  public List<DependencyLink> awaitDependencies(Predicate<List<DependencyLink>> done) {
    return poll(this::dependencies, done, DEFAULT_TIMEOUT);
  }

  private static <T> T poll(
      java.util.function.Supplier<T> query, Predicate<T> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = query.get();
    while (!done.test(last) && System.nanoTime() < deadline) {
      Pause.millis(200);
      last = query.get();
    }
    return last;
  }

  private static List<ZipkinSpan> spans(JsonNode trace) {
    List<ZipkinSpan> spans = new ArrayList<>();
    trace.forEach(span -> spans.add(ZipkinSpan.from(span)));
    return spans;
  }

  private JsonNode get(String path) {
    JsonNode node = getOrNull(path);
    if (node == null) {
      throw new IllegalStateException("Zipkin answered 404 for " + path);
    }
    return node;
  }

  /**
   * A connection the shared Zipkin closed, or a reply cut short on a busy machine (seen: "EOF
   * reached while reading" twice in a row): up to three attempts, further apart each time.
   */
  private HttpResponse<String> sendRetrying(HttpRequest request)
      throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (attempt == 3) {
          throw e;
        }
        Pause.millis(500L * attempt);
      }
    }
  }

  private JsonNode getOrNull(String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").build();
    try {
      HttpResponse<String> response = sendRetrying(request);
      if (response.statusCode() == 404) {
        return null;
      }
      if (response.statusCode() != 200) {
        throw new IllegalStateException("Zipkin answered " + response.statusCode() + " for "
            + path + ": " + response.body());
      }
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("Zipkin request failed: " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
