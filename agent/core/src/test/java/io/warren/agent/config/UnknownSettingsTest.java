package io.warren.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.agent.StandardError;
import io.warren.agent.config.OtelSettingNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UnknownSettingsTest {

  private final UnknownSettings otel =
      new UnknownSettings("otel.", OtelSettingNames.known(), OtelSettingNames.OTHERS_PREFIXES, "");

  @Test
  void aMisspeltOtelVariableGetsOneWarningAndOthersVariablesNone() {
    Map<String, String> environment = new HashMap<>();
    for (String name : List.of("OTEL_TRACES_EXPORTR", "OTEL_SERVICE_NAME", "OTEL_SDK_DISABLED",
        "OTEL_METRICS_EXPORTER", "OTEL_LOGS_EXPORTER", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
        "OTEL_JAVAAGENT_DEBUG", "OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED",
        "OTEL_SEMCONV_STABILITY_OPT_IN", "OTEL_LOG_LEVEL", "OTEL_PYTHON_LOG_CORRELATION", "PATH")) {
      environment.put(name, "x");
    }
    String log = StandardError.of(() -> otel.checkEnvironment(environment));
    assertEquals(List.of("[warren] WARN unknown environment variable OTEL_TRACES_EXPORTR is"
        + " ignored; did you mean OTEL_TRACES_EXPORTER?"), log.lines().toList());
  }

  @Test
  void theClosestNameIsTheFewestEditsAway() {
    assertEquals("otel.traces.exporter", UnknownSettings.closest("otel.traces.exportr",
        OtelSettingNames.known()));
    assertEquals("otel.service.name", UnknownSettings.closest("otel.service.nmae",
        OtelSettingNames.known()));
    assertEquals("otel.bsp.max.queue.size", UnknownSettings.closest("otel.bsp.max.queue-size",
        OtelSettingNames.known()));
    assertEquals(3, UnknownSettings.editDistance("kitten", "sitting"));
  }

  /** No setting the README documents may be taken for a typo. */
  @Test
  void everyOtelSettingInTheReadmesConfigurationTablesIsKnown() throws IOException {
    String readme = Files.readString(Path.of("../../README.md"));
    List<String> documented = new ArrayList<>();
    for (String line : readme.lines().toList()) {
      if (!line.startsWith("| `otel.")) {
        continue;
      }
      String firstColumn = line.substring(1, line.indexOf('|', 1));
      Matcher name = Pattern.compile("`(otel\\.[a-z0-9_.-]+)`").matcher(firstColumn);
      while (name.find()) {
        documented.add(name.group(1));
      }
    }
    assertTrue(documented.size() > 20, "found the table: " + documented);
    String log = StandardError.of(() -> otel.checkGiven(documented));
    assertEquals("", log);
  }
}
