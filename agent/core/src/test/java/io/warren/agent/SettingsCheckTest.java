package io.warren.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warren.agent.api.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The attach command's look at the settings: the warnings the agent will print for them. */
class SettingsCheckTest {

  @AfterEach
  void clear() {
    Settings.useOverlay(Map.of());
  }

  @Test
  void eachSettingTheAgentCannotUseGetsTheWarningTheAgentWillPrint() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("warren.debug", "maybe");
    settings.put("otel.traces.sampler", "bogus");
    settings.put("otel.traces.exportr", "none");
    settings.put("otel.service.name", "orders");
    String log = StandardError.of(() -> SettingsCheck.check(settings));
    assertEquals(List.of(
        "[warren] WARN unknown setting otel.traces.exportr (given to the agent) is ignored; did you"
            + " mean otel.traces.exporter?",
        "[warren] WARN warren.debug=maybe is not true or false; using false",
        "[warren] WARN otel.traces.sampler=bogus is invalid (not one of " + samplers()
            + "); using parentbased_always_on"), log.lines().toList());
  }

  @Test
  void goodSettingsGetNoWarning() {
    String log = StandardError.of(() -> SettingsCheck.check(Map.of(
        "otel.service.name", "orders", "warren.debug", "true", "otel.traces.exporter", "zipkin")));
    assertEquals("", log);
  }

  private static String samplers() {
    String log = StandardError.of(() ->
        io.warren.agent.otel.OtelSetup.checkGiven(Map.of("otel.traces.sampler", "bogus")));
    return log.substring(log.indexOf("not one of ") + "not one of ".length(), log.indexOf("); using"));
  }
}
