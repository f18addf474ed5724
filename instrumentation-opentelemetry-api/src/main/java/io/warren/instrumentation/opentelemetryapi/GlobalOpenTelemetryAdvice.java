package io.warren.instrumentation.opentelemetryapi;

import io.opentelemetry.api.OpenTelemetry;
import io.warren.instrumentation.opentelemetryapi.application.WarrenOpenTelemetry;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code GlobalOpenTelemetry.get()}: Warren's instead of the API's no-op. */
public final class GlobalOpenTelemetryAdvice {

  private GlobalOpenTelemetryAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void onExit(@Advice.Return(readOnly = false) OpenTelemetry global) {
    global = WarrenOpenTelemetry.instead(global);
  }
}
