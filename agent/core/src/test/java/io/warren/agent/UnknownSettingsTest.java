package io.warren.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.agent.otel.OtelSettingNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    String log = StandardError.of(() -> otel.checkEnvironment(Map.of(
        "OTEL_TRACES_EXPORTR", "none",
        "OTEL_SERVICE_NAME", "orders",
        "OTEL_SDK_DISABLED", "false",
        "OTEL_METRICS_EXPORTER", "none",
        "OTEL_LOGS_EXPORTER", "none",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://collector:4318",
        "OTEL_JAVAAGENT_DEBUG", "true",
        "OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED", "false",
        "PATH", "/usr/bin")));
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
