package io.warren.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent's own settings come first, and never become system properties. */
class SettingsTest {

  private static final String KEY = "warren.test.setting";

  @AfterEach
  void clear() {
    Settings.useOverlay(Map.of());
    System.clearProperty(KEY);
  }

  @Test
  void theAgentsOwnSettingWinsOverTheSystemProperty() {
    System.setProperty(KEY, "from-property");
    Settings.useOverlay(Map.of(KEY, " from-agent "));
    assertEquals("from-agent", Settings.get(KEY));
    assertEquals("from-property", System.getProperty(KEY));
  }

  @Test
  void withoutItTheSystemPropertyAndThenTheEnvironmentAnswer() {
    System.setProperty(KEY, "from-property");
    Settings.useOverlay(Map.of("warren.other", "x"));
    assertEquals("from-property", Settings.get(KEY));
    assertEquals(System.getenv("PATH"), Settings.get("path"));
  }

  @Test
  void theAgentsSettingsAreNotSystemProperties() {
    Settings.useOverlay(Map.of(KEY, "from-agent"));
    assertNull(System.getProperty(KEY));
    assertEquals(Map.of(KEY, "from-agent"), Settings.overlay());
  }
}
