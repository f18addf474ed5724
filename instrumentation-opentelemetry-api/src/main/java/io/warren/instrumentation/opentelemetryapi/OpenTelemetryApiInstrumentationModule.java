package io.warren.instrumentation.opentelemetryapi;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.Relocation;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Arrays;
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

  /**
   * {@code GlobalOpenTelemetry.get()} gives Warren's tracer; the context storage the API makes is
   * Warren's.
   */
  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new ApiInstrumentation(GLOBAL_OPEN_TELEMETRY, "get", 0, GlobalOpenTelemetryAdvice.class),
        new ApiInstrumentation(
            "io.opentelemetry.context.LazyStorage", "createStorage", 1, ContextStorageAdvice.class));
  }

  /**
   * The classes the advice hands out, nested ones included, in the API's class loader. Named,
   * never referenced: the agent's loader must not load them (it has no such API).
   */
  @Override
  public List<String> helperClassNames() {
    String helpers = getClass().getPackage().getName() + ".application.";
    return Arrays.asList(
        helpers + "ApplicationAttributes",
        helpers + "ExceptionEvent",
        helpers + "OwnSdkSpans",
        helpers + "WarrenContext",
        helpers + "WarrenContext$KeyProbe",
        helpers + "WarrenContextStorage",
        helpers + "WarrenContextStorage$Restore",
        helpers + "WarrenOpenTelemetry",
        helpers + "WarrenPropagator",
        helpers + "WarrenSpan",
        helpers + "WarrenSpanBuilder",
        helpers + "WarrenTracer",
        helpers + "WarrenTracerProvider");
  }
}
