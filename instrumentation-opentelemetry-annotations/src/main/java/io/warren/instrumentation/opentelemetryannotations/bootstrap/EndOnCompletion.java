package io.warren.instrumentation.opentelemetryannotations.bootstrap;

import io.warren.bootstrap.Tracing;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * Ends a span when the stage a method returned completes, failed if it completed exceptionally
 * (with the exception the method's code raised, not the wrapper a dependent stage adds). The
 * application gets its own stage back, untouched: the callback hangs off it.
 */
final class EndOnCompletion implements BiConsumer<Object, Throwable> {

  private final Object handle;

  private EndOnCompletion(Object handle) {
    this.handle = handle;
  }

  static void of(CompletionStage<?> stage, Object handle) {
    if (handle == null) {
      return;
    }
    try {
      stage.whenComplete(new EndOnCompletion(handle));
    } catch (Throwable t) {
      // An application's own stage that takes no callbacks: the span ends now rather than never.
      Tracing.end(handle, null);
    }
  }

  @Override
  public void accept(Object result, Throwable error) {
    Throwable cause = error;
    if (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    Tracing.end(handle, cause);
  }
}
