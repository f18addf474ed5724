package io.warren.instrumentation.opentelemetryannotations.bootstrap;

import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;
import java.util.concurrent.CompletionStage;

/** What the {@code @WithSpan} advice calls: a span around the method, current while it runs. */
public final class WithSpans {

  static final String INSTRUMENTATION = "io.warren.opentelemetry-annotations";

  private WithSpans() {}

  /**
   * Starts the span of the method of {@code type} with that name and descriptor, current on this
   * thread; returns what {@link #end} takes, or null when there is no span.
   *
   * @param arguments the call's arguments, or null when no parameter is a {@code @SpanAttribute}
   */
  public static Object start(Class<?> type, String nameAndDescriptor, Object[] arguments) {
    TracedMethod method = TracedMethods.of(type, nameAndDescriptor);
    if (method == null) {
      return null;
    }
    SpanStart span = SpanStart.begin(INSTRUMENTATION, method.kind(), method.spanName());
    method.describeArguments(span, arguments);
    if (method.inheritsContext()) {
      return Tracing.startCurrent(span);
    }
    // A new trace: no context while the span starts, the caller's again once it is over.
    Object noContext = Tracing.attachNone();
    Object handle = Tracing.startCurrent(span);
    return noContext == null ? handle : new WithoutParent(handle, noContext);
  }

  /**
   * Ends the span as the method ended: with the exception it threw, else when the {@code
   * CompletionStage} it returned completes (never waiting for it), else now.
   */
  public static void end(Object span, Object returned, Throwable error) {
    if (span == null) {
      return;
    }
    Object handle = span;
    Object noContext = null;
    if (span instanceof WithoutParent) {
      handle = ((WithoutParent) span).handle;
      noContext = ((WithoutParent) span).noContext;
    }
    if (error != null || !(returned instanceof CompletionStage)) {
      Tracing.end(handle, error);
      Tracing.detach(noContext);
      return;
    }
    Tracing.closeScope(handle);
    Tracing.detach(noContext);
    EndOnCompletion.of((CompletionStage<?>) returned, handle);
  }

  /** A span started with no parent, and the scope that undoes its "no context" on this thread. */
  private static final class WithoutParent {
    final Object handle;
    final Object noContext;

    WithoutParent(Object handle, Object noContext) {
      this.handle = handle;
      this.noContext = noContext;
    }
  }
}
