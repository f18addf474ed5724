package io.warren.instrumentation.opentelemetryapi;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.Relocation;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The application's OpenTelemetry API, bridged to Warren's SDK: see the package description for
 * the design. Switch: {@code warren.instrumentation.opentelemetry-api.enabled}.
 */
public final class OpenTelemetryApiInstrumentationModule implements InstrumentationModule {

  /**
   * The API's names are the agent's own SDK's before the agent jar relocates them, string
   * constants included: each goes through {@link Relocation#undone} to stay the application's.
   */
  static final String GLOBAL_OPEN_TELEMETRY =
      Relocation.undone("io.opentelemetry.api.GlobalOpenTelemetry");

  @Override
  public String name() {
    return "opentelemetry-api";
  }

  @Override
  public String requiredClass() {
    return GLOBAL_OPEN_TELEMETRY;
  }

  /** The API's entry points: its global instance and its context storage. */
  @Override
  public List<String> referencedTypes() {
    return Arrays.asList(
        Relocation.undone("io/opentelemetry/api/OpenTelemetry"),
        Relocation.undone("io/opentelemetry/context/ContextStorage"));
  }

  /** None yet: the bridge's advice comes in the next steps of issue 22. */
  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.emptyList();
  }
}
