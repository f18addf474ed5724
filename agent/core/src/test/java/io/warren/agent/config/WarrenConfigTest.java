package io.warren.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.agent.StandardError;
import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.ModuleSetting;
import io.warren.agent.api.Settings;
import io.warren.agent.api.TypeInstrumentation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Settings a module declares are known to the agent; anything else under warren.* is warned about. */
class WarrenConfigTest {

  private static final String DECLARED = "warren.fake.capture";
  private static final String TYPO = "warren.fake.captur";
  private static final String SWITCH = "warren.instrumentation.fake.enabled";

  @AfterEach
  void clear() {
    Settings.useOverlay(Map.of());
    System.clearProperty(DECLARED);
    System.clearProperty(TYPO);
    System.clearProperty(SWITCH);
    System.clearProperty("otel.traces.exportr");
    System.clearProperty("otel.javaagent.debug");
  }

  @Test
  void aModulesOwnSettingIsKnownAndATypoIsNot() {
    System.setProperty(DECLARED, "true");
    System.setProperty(TYPO, "true");
    String log = StandardError.of(() -> WarrenConfig.load(List.of(new FakeModule())));
    assertFalse(log.contains("-D" + DECLARED + " "), log);
    assertTrue(log.contains("unknown setting -D" + TYPO + " is ignored"), log);
  }

  @Test
  void aTypoInTheAgentsOwnSettingsIsWarnedAboutToo() {
    Settings.useOverlay(Map.of(TYPO, "true", DECLARED, "true"));
    String log = StandardError.of(() -> WarrenConfig.load(List.of(new FakeModule())));
    assertEquals(1, log.lines().filter(l -> l.contains("unknown setting")).count(), log);
    assertTrue(log.contains("unknown setting " + TYPO + " (given to the agent) is ignored"), log);
    assertEquals(null, System.getProperty(TYPO));
  }

  @Test
  void eachModuleHasItsSwitch() {
    System.setProperty(SWITCH, "false");
    String[] enabled = new String[1];
    String log = StandardError.of(() -> enabled[0] =
        String.valueOf(WarrenConfig.load(List.of(new FakeModule())).instrumentationEnabled("fake")));
    assertEquals("false", enabled[0]);
    assertFalse(log.contains("unknown setting"), log);
  }

  @Test
  void aBadValueOfADeclaredSettingGetsOneWarningAndTheDefault() {
    System.setProperty(DECLARED, "maybe");
    String[] value = new String[1];
    String log = StandardError.of(() -> value[0] = FakeModule.CAPTURE.value());
    assertEquals("false", value[0]);
    assertEquals(1, log.lines().filter(l -> l.contains(DECLARED + "=maybe")).count(), log);
  }


  @Test
  void aMisspeltOtelSystemPropertyGetsOneWarningNamingTheClosestSetting() {
    System.setProperty("otel.traces.exportr", "none");
    System.setProperty("otel.javaagent.debug", "true"); // the OpenTelemetry agent's: not ours
    String log = StandardError.of(() -> WarrenConfig.load(List.of(new FakeModule())));
    assertEquals(List.of("[warren] WARN unknown setting -Dotel.traces.exportr is ignored; did you"
        + " mean otel.traces.exporter?"), log.lines().toList());
  }

  @Test
  void aMisspeltOtelSettingGivenToTheAgentGetsOneWarningNamingTheClosestSetting() {
    Settings.useOverlay(Map.of("otel.service.nmae", "orders", "otel.service.name", "orders"));
    String log = StandardError.of(() -> WarrenConfig.load(List.of(new FakeModule())));
    assertEquals(List.of("[warren] WARN unknown setting otel.service.nmae (given to the agent) is"
        + " ignored; did you mean otel.service.name?"), log.lines().toList());
  }

  static final class FakeModule implements InstrumentationModule {
    static final ModuleSetting CAPTURE =
        new ModuleSetting(DECLARED, "false", "true or false", ModuleSetting.TRUE_OR_FALSE);

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public String requiredClass() {
      return "com.example.Fake";
    }

    @Override
    public List<String> referencedTypes() {
      return List.of();
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
      return List.of();
    }

    @Override
    public List<ModuleSetting> settings() {
      return List.of(CAPTURE);
    }
  }
}
