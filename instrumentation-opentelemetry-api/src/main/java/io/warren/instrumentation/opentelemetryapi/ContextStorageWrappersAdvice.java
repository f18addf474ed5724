package io.warren.instrumentation.opentelemetryapi;

import io.opentelemetry.context.ContextStorage;
import io.warren.instrumentation.opentelemetryapi.application.WarrenContextStorage;
import java.util.List;
import java.util.function.Function;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ContextStorageWrappers.getWrappers()}, which the API calls once, as it
 * makes its storage: Warren's storage goes first, in place of the API's default.
 */
public final class ContextStorageWrappersAdvice {

  private ContextStorageWrappersAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void onExit(
      @Advice.Return(readOnly = false)
          List<Function<? super ContextStorage, ? extends ContextStorage>> wrappers) {
    wrappers = WarrenContextStorage.first(wrappers);
  }
}
