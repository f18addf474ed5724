package io.warren.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.HashMap;
import java.util.Map;
import io.warren.agent.StandardError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OtlpSettingsTest {

  private static final String SECRET = "s3cr3t-Tok3n";

  @Test
  void httpProtobufIsWarrensDefaultAndNeedsNoFix() {
    assertEquals(Map.of(), validate(WarrenDefaults.properties()));
    assertEquals("http/protobuf", WarrenDefaults.properties().get(OtlpSettings.PROTOCOL));
  }

  @Test
  void metricsOverGrpcAreOneWarningAndHttp() {
    Map<String, String> fixes = new HashMap<>();
    String log = StandardError.of(() -> fixes.putAll(validate(Map.of(
        OtlpSettings.METRICS_PROTOCOL, "grpc"))));

    assertEquals(Map.of(OtlpSettings.METRICS_PROTOCOL, "http/protobuf"), fixes);
    assertEquals(1, log.lines().count(), log);
    assertTrue(log.contains("otel.exporter.otlp.metrics.protocol=grpc is not supported"), log);
  }

  @Test
  void grpcFallsBackToHttpWithOneWarningAndItsPort() {
    Map<String, String> fixes = new HashMap<>();
    String log = StandardError.of(() -> fixes.putAll(validate(Map.of(
        OtlpSettings.PROTOCOL, "grpc", OtlpSettings.ENDPOINT, "http://collector:4317"))));

    assertEquals(Map.of(OtlpSettings.PROTOCOL, "http/protobuf",
        OtlpSettings.ENDPOINT, "http://collector:4318"), fixes);
    assertEquals(1, log.lines().count(), log);
    assertTrue(log.contains("otel.exporter.otlp.protocol=grpc is not supported"), log);
    assertTrue(log.contains("http://collector:4318"), log);
  }

  @Test
  void aTracesSpecificGrpcEndpointGetsTheTracesPath() {
    Map<String, String> fixes = validate(Map.of(
        OtlpSettings.PROTOCOL, "http/protobuf",
        OtlpSettings.TRACES_PROTOCOL, "grpc",
        OtlpSettings.TRACES_ENDPOINT, "https://collector:4317"));
    assertEquals(Map.of(OtlpSettings.TRACES_PROTOCOL, "http/protobuf",
        OtlpSettings.TRACES_ENDPOINT, "https://collector:4318/v1/traces"), fixes);
  }

  @Test
  void grpcOnAnotherPortKeepsItsEndpoint() {
    assertEquals(Map.of(OtlpSettings.PROTOCOL, "http/protobuf"), validate(Map.of(
        OtlpSettings.PROTOCOL, "grpc", OtlpSettings.ENDPOINT, "http://collector:14318")));
  }

  @Test
  void anUnknownProtocolBecomesHttp() {
    assertEquals(Map.of(OtlpSettings.PROTOCOL, "http/protobuf"),
        validate(Map.of(OtlpSettings.PROTOCOL, "http/json")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "otel.exporter.otlp.endpoint        | ftp://collector:4318     | http://localhost:4318",
        "otel.exporter.otlp.endpoint        | collector:4318           | http://localhost:4318",
        "otel.exporter.otlp.traces.endpoint | http://c:4318/v1?x=1     | http://localhost:4318/v1/traces",
      })
  void anEndpointTheSdkWouldRejectIsReplaced(String key, String value, String fixed) {
    assertEquals(Map.of(key, fixed), validate(Map.of(key, value)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                             | http://localhost:4318/v1/traces",
        "otel.exporter.otlp.endpoint=http://c:4318      | http://c:4318/v1/traces",
        "otel.exporter.otlp.endpoint=http://c:4318/otel/ | http://c:4318/otel/v1/traces",
        "otel.exporter.otlp.traces.endpoint=http://c/t  | http://c/t",
      })
  void theTracesEndpointIsTheSdks(String setting, String endpoint) {
    Map<String, String> config = new HashMap<>();
    if (!setting.isEmpty()) {
      config.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
    }
    assertEquals(endpoint, OtlpSettings.endpoint(DefaultConfigProperties.createFromMap(config)));
  }

  @Test
  void wellFormedHeadersAreLeftAlone() {
    assertEquals(Map.of(), validate(Map.of(
        "otel.exporter.otlp.headers", "x-api-key=" + SECRET + ",authorization=Bearer%20abc==")));
  }

  @Test
  void malformedHeadersAreDroppedWithoutShowingAnyValue() {
    Map<String, String> fixes = new HashMap<>();
    String log = StandardError.of(() -> fixes.putAll(validate(Map.of(
        "otel.exporter.otlp.traces.headers",
        "x-api-key:" + SECRET + ",tenant=blue,x-token=" + SECRET + "%zz"))));

    assertEquals(Map.of("otel.exporter.otlp.traces.headers", "tenant=blue"), fixes);
    assertEquals(2, log.lines().count(), log);
    assertTrue(log.contains("entry 1 is not name=value"), log);
    assertTrue(log.contains("'x-token'"), log);
    assertFalse(log.contains(SECRET), log);
  }

  @Test
  void theDebugDescriptionNamesHeadersButNeverTheirValues() {
    String described = OtlpSettings.describeHeaders(DefaultConfigProperties.createFromMap(
        Map.of("otel.exporter.otlp.headers", "x-api-key=" + SECRET)));
    assertEquals(", headers x-api-key=***", described);
  }

  @Test
  void compressionAndTimeoutAreChecked() {
    assertEquals(
        Map.of("otel.exporter.otlp.traces.compression", "none", "otel.exporter.otlp.timeout", "10000"),
        validate(Map.of("otel.exporter.otlp.traces.compression", "zstd",
            "otel.exporter.otlp.timeout", "soon")));
  }

  private static Map<String, String> validate(Map<String, String> properties) {
    return new ConfigValidator(WarrenDefaults::defaultServiceName).apply(DefaultConfigProperties.createFromMap(properties));
  }
}
