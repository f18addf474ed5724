package io.warren.smoketest.bench;

import io.warren.smoketest.harness.Pause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * How many spans Zipkin's HTTP collector has received since it started, from its Prometheus
 * counter {@code zipkin_collector_spans_total}. A steady-state run sends hundreds of thousands of
 * spans, more than Zipkin's in-memory storage keeps and more than {@link SpanCount} could read
 * back; runs follow each other one at a time, so the counter's growth over a run is that run's.
 */
final class CollectedSpans {
  private static final String COUNTER = "zipkin_collector_spans_total{transport=\"http\"";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private CollectedSpans() {}

  static long now(String zipkinBaseUrl) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(zipkinBaseUrl + "/prometheus"))
        .timeout(Duration.ofSeconds(30)).build();
    try {
      String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
      for (String line : body.split("\n")) {
        if (line.startsWith(COUNTER)) {
          return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      throw new IllegalStateException("Zipkin's /prometheus has no " + COUNTER + "}");
    } catch (IOException e) {
      throw new UncheckedIOException("could not read Zipkin's /prometheus", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * The counter once it has not moved for {@code quiet} (the agents export on a timer and on
   * shutdown, so spans of a run can arrive shortly after it exited), or after {@code timeout}.
   */
  static long settled(String zipkinBaseUrl, Duration quiet, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long last = now(zipkinBaseUrl);
    long lastChange = System.nanoTime();
    while (System.nanoTime() - lastChange < quiet.toNanos() && System.nanoTime() < deadline) {
      Pause.millis(250);
      long current = now(zipkinBaseUrl);
      if (current != last) {
        last = current;
        lastChange = System.nanoTime();
      }
    }
    return last;
  }
}
