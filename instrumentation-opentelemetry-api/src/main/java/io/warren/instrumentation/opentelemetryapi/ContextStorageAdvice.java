package io.warren.instrumentation.opentelemetryapi;

import io.opentelemetry.context.ContextStorage;
import io.warren.instrumentation.opentelemetryapi.application.WarrenContextStorage;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the API's {@code LazyStorage.createStorage(...)}, which makes the storage the
 * API's context lives in, once: Warren's instead. The application's storage wrappers, applied
 * after it, still wrap it.
 */
public final class ContextStorageAdvice {

  private ContextStorageAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void onExit(@Advice.Return(readOnly = false) ContextStorage storage) {
    storage = WarrenContextStorage.instead(storage);
  }
}
