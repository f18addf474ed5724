package io.warren.instrumentation.opentelemetryapi.application;

import io.opentelemetry.api.trace.Span;
import io.warren.bootstrap.TraceIds;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.WeakIdentityMap;

/**
 * Spans of the application's own SDK (one it registered, or Spring's Micrometer bridge) that it
 * makes current. Warren's context holds a stand-in with the span's ids, so Warren's spans started
 * in it are its children, in its trace; where the application asks for the span current and the
 * stand-in is what Warren has, it gets its own span back, unchanged. Warren never records them:
 * the application's exporter does, as without Warren.
 */
final class OwnSdkSpans {

  /** The application's span by Warren's stand-in for it (alive while a context holds it). */
  private static final WeakIdentityMap<Span> BY_STAND_IN = new WeakIdentityMap<Span>();

  private OwnSdkSpans() {}

  /**
   * Warren's context {@code warren} with a stand-in for {@code value}, a span not Warren's; null
   * when it is no span or has no valid ids (left to the application's own entries).
   */
  static Object contextWith(Object warren, Object value) {
    if (!(value instanceof Span)) {
      return null;
    }
    TraceIds ids = WarrenSpan.idsOf((Span) value);
    if (ids == null) {
      return null;
    }
    Object context = Tracing.contextWith(warren, ids);
    Object standIn = Tracing.spanIn(context);
    if (standIn == null) {
      return null;
    }
    BY_STAND_IN.put(standIn, (Span) value);
    return context;
  }

  /** The application's span Warren's span handle stands in for; null when it is Warren's own. */
  static Span standingIn(Object handle) {
    return BY_STAND_IN.get(handle);
  }
}
