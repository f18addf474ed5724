package io.warren.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusNamesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "messaging.process.duration | s | messaging_process_duration_seconds",
        "messaging.client.sent.messages | {message} | messaging_client_sent_messages",
        "messaging.client.consumed.messages | {message} | messaging_client_consumed_messages",
        "warren.queue.time | ms | warren_queue_time_milliseconds",
        "already_seconds | s | already_seconds",
        "body.size | By | body_size_bytes",
        "rate | {message}/s | rate_per_second",
        "ratio | 1 | ratio",
        "requests.total | {request} | requests",
        "2xx..odd-name | | _2xx_odd_name",
      })
  void namesAndUnitsAsPrometheusWritesThem(String name, String unit, String family) {
    assertEquals(family, PrometheusNames.family(name, unit));
  }

  @ParameterizedTest
  @CsvSource({"messaging.destination.name, messaging_destination_name", "error.type, error_type",
      "a:b, a_b"})
  void attributeNamesBecomeLabelNames(String attribute, String label) {
    assertEquals(label, PrometheusNames.label(attribute));
  }
}
