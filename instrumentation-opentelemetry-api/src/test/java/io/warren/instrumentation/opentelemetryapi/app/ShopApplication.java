package io.warren.instrumentation.opentelemetryapi.app;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/**
 * An application that traces a little itself with the OpenTelemetry API and no SDK, as issue 22
 * describes it. Loaded by {@code ApplicationLoader} with the API version under test; the tests
 * call it by reflection, with JDK types only.
 */
public final class ShopApplication {

  private ShopApplication() {}

  private static Tracer tracer() {
    return GlobalOpenTelemetry.getTracer("shop");
  }

  /** Its own {@code checkout} span, current while {@code publish} runs; returns the span's id. */
  public static String checkout(Runnable publish) {
    Span checkout = tracer().spanBuilder("checkout").setAttribute("shop.cart.items", 3L).startSpan();
    try (Scope ignored = checkout.makeCurrent()) {
      publish.run();
    } finally {
      checkout.end();
    }
    return checkout.getSpanContext().getSpanId();
  }

  /**
   * What a message handler does: an attribute on the span current (the agent's), then a {@code
   * handle} span of its own; returns the id of the span that was current.
   */
  public static String handle(String orderId) {
    Span current = Span.current();
    current.setAttribute("order.id", orderId);
    Span handle = tracer().spanBuilder("handle").startSpan();
    handle.end();
    return current.getSpanContext().getSpanId();
  }

  /** Where the API this class runs with came from. */
  public static String apiLocation() {
    return GlobalOpenTelemetry.class.getProtectionDomain().getCodeSource().getLocation().toString();
  }
}
