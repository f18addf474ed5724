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

/** Queries Prometheus's HTTP API: {@code /api/v1/query} and {@code /api/v1/query_exemplars}. */
public final class PrometheusClient {
  private final String baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  public PrometheusClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /**
   * The value of an instant query whose result is one series or none (then NaN): wrap selectors
   * in {@code sum(...)}.
   */
  public double value(String promql) {
    JsonNode result = data("/api/v1/query?query=" + encode(promql)).path("result");
    if (result.isEmpty()) {
      return Double.NaN;
    }
    if (result.size() > 1) {
      throw new IllegalStateException(promql + " gave " + result.size() + " series: " + result);
    }
    return Double.parseDouble(result.get(0).path("value").get(1).asText());
  }

  /** The trace ids of the exemplars stored for the series of {@code promql} in the last hour. */
  public List<String> exemplarTraceIds(String promql) {
    long now = System.currentTimeMillis() / 1000;
    JsonNode series = data("/api/v1/query_exemplars?query=" + encode(promql)
        + "&start=" + (now - 3600) + "&end=" + (now + 60));
    List<String> traceIds = new ArrayList<>();
    series.forEach(one -> one.path("exemplars").forEach(exemplar -> {
      JsonNode traceId = exemplar.path("labels").path("trace_id");
      if (traceId.isTextual()) {
        traceIds.add(traceId.asText());
      }
    }));
    return traceIds;
  }

  private JsonNode data(String pathAndQuery) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
        .timeout(Duration.ofSeconds(10)).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = json.readTree(response.body());
      if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
        throw new IllegalStateException("Prometheus answered " + response.statusCode() + " to "
            + pathAndQuery + ": " + response.body());
      }
      return body.path("data");
    } catch (IOException e) {
      throw new UncheckedIOException("Prometheus request failed: " + pathAndQuery, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
