package io.warren.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import io.warren.agent.StandardError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigValidatorTest {

  private static final String ENDPOINT = "otel.exporter.zipkin.endpoint";
  private static final String DEFAULT_ENDPOINT = "http://localhost:9411/api/v2/spans";

  @Test
  void validConfigurationIsLeftAlone() {
    Map<String, String> config = new HashMap<>();
    config.put("otel.traces.exporter", "zipkin");
    config.put("otel.metrics.exporter", "none");
    config.put("otel.logs.exporter", "none");
    config.put("otel.propagators", "tracecontext,baggage,b3multi");
    config.put("otel.traces.sampler", "parentbased_traceidratio");
    config.put("otel.traces.sampler.arg", "0.25");
    config.put(ENDPOINT, "https://zipkin.example:9411/api/v2/spans");
    config.put("otel.bsp.max.queue.size", "4096");
    config.put("otel.bsp.max.export.batch.size", "256");
    config.put("otel.bsp.schedule.delay", "500ms");
    config.put("otel.bsp.export.timeout", "2s");
    config.put("otel.exporter.zipkin.timeout", "5000");
    config.put("otel.resource.attributes", "service.name=orders,deployment.environment=prod");

    assertEquals(Map.of(), validate(config));
  }

  @Test
  void noConfigurationNeedsNoFix() {
    assertEquals(Map.of(), validate(Map.of()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jaeger           | zipkin",
        "''               | zipkin",
        "zipkin,jaeger    | zipkin",
        "jaeger,console   | console",
        "zipkin,,otlp     | zipkin,otlp"
      })
  void unknownTraceExportersAreDropped(String value, String fixed) {
    assertEquals(Map.of("otel.traces.exporter", fixed), validate(Map.of("otel.traces.exporter", value)));
  }

  @Test
  void logsAreNeverExported() {
    assertEquals(Map.of("otel.logs.exporter", "none"), validate(Map.of("otel.logs.exporter", "otlp")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "otlp | ",
        "prometheus | ",
        "otlp,prometheus | ",
        "none | ",
        "prometeus | none",
        "otlp,zipkin | otlp",
        "none,prometheus | prometheus",
      })
  void metricsExportersAreOtlpPrometheusOrNone(String value, String fixed) {
    assertEquals(fixed == null ? Map.of() : Map.of("otel.metrics.exporter", fixed),
        validate(Map.of("otel.metrics.exporter", value)));
  }

  @ParameterizedTest
  @CsvSource({"otel.metric.export.interval, 60000", "otel.exporter.otlp.metrics.timeout, 10000"})
  void badMetricsDurationsGetTheirDefault(String key, String fallback) {
    assertEquals(Map.of(key, fallback), validate(Map.of(key, "soon")));
  }

  @Test
  void aBadTemporalityIsCumulativeAndAGoodOneStays() {
    assertEquals(Map.of("otel.exporter.otlp.metrics.temporality.preference", "cumulative"),
        validate(Map.of("otel.exporter.otlp.metrics.temporality.preference", "sometimes")));
    assertEquals(Map.of(), validate(Map.of("otel.exporter.otlp.metrics.temporality.preference", "delta")));
  }

  @Test
  void aBadExemplarFilterIsTraceBased() {
    assertEquals(Map.of("otel.metrics.exemplar.filter", "trace_based"),
        validate(Map.of("otel.metrics.exemplar.filter", "sometimes")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "tracecontext,bogus | tracecontext",
        "bogus              | tracecontext,baggage",
        "xray,b3,jaeger     | b3,jaeger"
      })
  void unknownPropagatorsAreDropped(String value, String fixed) {
    assertEquals(Map.of("otel.propagators", fixed), validate(Map.of("otel.propagators", value)));
  }

  @Test
  void compressionIsGzipOrNone() {
    String key = "otel.exporter.zipkin.compression";
    assertEquals(Map.of(), validate(Map.of(key, "gzip")));
    assertEquals(Map.of(key, "none"), validate(Map.of(key, "zstd")));
  }

  @Test
  void unknownSamplerFallsBackToParentBasedAlwaysOn() {
    assertEquals(
        Map.of("otel.traces.sampler", "parentbased_always_on"),
        validate(Map.of("otel.traces.sampler", "sometimes")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "-0.1", "half", "NaN"})
  void samplerRatioOutsideZeroToOneBecomesOne(String arg) {
    assertEquals(
        Map.of("otel.traces.sampler.arg", "1.0"), validate(Map.of("otel.traces.sampler.arg", arg)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1", "0.5", " 0.1 "})
  void samplerRatioInRangeIsKept(String arg) {
    assertEquals(Map.of(), validate(Map.of("otel.traces.sampler.arg", arg)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:9411", "zipkin", "ftp://zipkin/api/v2/spans", "http:///api/v2/spans"})
  void malformedEndpointFallsBackToLocalZipkin(String endpoint) {
    assertEquals(Map.of(ENDPOINT, DEFAULT_ENDPOINT), validate(Map.of(ENDPOINT, endpoint)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "otel.bsp.max.queue.size        | lots | heap-sized",
        "otel.bsp.max.queue.size        | 0    | heap-sized",
        "otel.bsp.max.queue.size        | 1.5  | heap-sized",
        "otel.bsp.max.export.batch.size | -1   | 512"
      })
  void sizeThatIsNotAPositiveNumberFallsBack(String key, String value, String fixed) {
    String expected =
        fixed.equals("heap-sized") ? String.valueOf(WarrenDefaults.MAX_QUEUE_SIZE) : fixed;
    assertEquals(Map.of(key, expected), validate(Map.of(key, value)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "otel.bsp.schedule.delay      | soon | 5000",
        "otel.bsp.export.timeout      | -1s  | 30000",
        "otel.exporter.zipkin.timeout | 10x  | 10000"
      })
  void badDurationFallsBackToADurationTheSdkReads(String key, String value, String fixed) {
    Map<String, String> fixes = validate(Map.of(key, value));

    assertEquals(Map.of(key, fixed), fixes);
    assertEquals(
        Duration.ofMillis(Long.parseLong(fixed)),
        DefaultConfigProperties.createFromMap(fixes).getDuration(key));
  }

  @Test
  void malformedResourceAttributesAreDroppedOneByOne() {
    assertEquals(
        Map.of("otel.resource.attributes", "service.name=orders,team=payments"),
        validate(Map.of("otel.resource.attributes", "service.name=orders,broken,=x,team=payments")));
  }

  @Test
  void anEmptyServiceNameTakesTheOneInTheResourceAttributes() {
    assertEquals(
        Map.of("otel.service.name", "orders"),
        validate(Map.of("otel.service.name", "", "otel.resource.attributes", "service.name=orders")));
  }

  @Test
  void eachBadValueIsReportedWithItsKey() {
    String log = StandardError.of(() ->
        validate(Map.of("otel.traces.sampler", "sometimes", "otel.bsp.max.queue.size", "lots")));
    assertTrue(log.contains("otel.traces.sampler=sometimes"), log);
    assertTrue(log.contains("otel.bsp.max.queue.size=lots"), log);
    assertEquals(2, log.lines().count(), log);
  }

  private static Map<String, String> validate(Map<String, String> properties) {
    return new ConfigValidator(WarrenDefaults::defaultServiceName).apply(DefaultConfigProperties.createFromMap(properties));
  }
}
