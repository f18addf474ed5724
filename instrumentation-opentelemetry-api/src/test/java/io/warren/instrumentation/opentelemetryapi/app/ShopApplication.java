package io.warren.instrumentation.opentelemetryapi.app;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

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

  /**
   * A handler that says more about the span current (Warren's): an event, an error status, a
   * recorded exception with an attribute of its own.
   */
  public static void handleOutOfStock(String orderId) {
    Span current = Span.current();
    current.addEvent("stock checked", Attributes.of(AttributeKey.longKey("stock.left"), 0L));
    current.recordException(new IllegalStateException("no " + orderId),
        Attributes.of(AttributeKey.stringKey("order.id"), orderId));
    current.setStatus(StatusCode.ERROR, "out of stock");
  }

  /** Its own span, renamed once it knows better, with an event at a given time; OK status. */
  public static void priced(long eventEpochNanos) {
    Span span = tracer().spanBuilder("draft").startSpan();
    span.updateName("price lookup");
    span.addEvent("priced", eventEpochNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    span.setStatus(StatusCode.OK);
    span.end();
  }

  /** {@code publish} inside a {@code checkout} span with baggage {@code tenant=<tenant>} current. */
  public static void checkoutFor(String tenant, Runnable publish) {
    Span checkout = tracer().spanBuilder("checkout").startSpan();
    try (Scope withSpan = checkout.makeCurrent();
        Scope withBaggage = Baggage.current().toBuilder().put("tenant", tenant).build().makeCurrent()) {
      publish.run();
    } finally {
      checkout.end();
    }
  }

  /** The baggage entry {@code name} current (as a handler reads it); null when none. */
  public static String baggage(String name) {
    return Baggage.current().getEntryValue(name);
  }

  /**
   * What a library that propagates by hand does: injects the context of a {@code checkout} span
   * (with baggage) into a map with the propagators of {@code GlobalOpenTelemetry}, extracts it
   * on the other side, starts {@code remote work} there under it. Returns the map, plus the
   * extracted baggage as {@code extracted.tenant}.
   */
  public static Map<String, String> propagateByHand() {
    Map<String, String> carrier = new HashMap<String, String>();
    Span checkout = tracer().spanBuilder("checkout").startSpan();
    try (Scope withSpan = checkout.makeCurrent();
        Scope withBaggage = Baggage.current().toBuilder().put("tenant", "acme").build().makeCurrent()) {
      GlobalOpenTelemetry.getPropagators().getTextMapPropagator()
          .inject(Context.current(), carrier, MapSetter.INSTANCE);
    } finally {
      checkout.end();
    }
    Context extracted = GlobalOpenTelemetry.getPropagators().getTextMapPropagator()
        .extract(Context.root(), carrier, MapGetter.INSTANCE);
    tracer().spanBuilder("remote work").setParent(extracted).startSpan().end();
    Map<String, String> seen = new HashMap<String, String>(carrier);
    seen.put("extracted.tenant", Baggage.fromContext(extracted).getEntryValue("tenant"));
    return seen;
  }

  /**
   * Inside a {@code checkout} span: {@code orphan} (no parent), {@code fresh} (parent: the
   * root context), {@code linked} (a link to checkout); then {@code publish} inside a span of
   * another tracer known only by its ids, made current with {@code Span.wrap}.
   */
  public static void parentsAndLinks(String traceId, String spanId, Runnable publish) {
    Span checkout = tracer().spanBuilder("checkout").startSpan();
    try (Scope ignored = checkout.makeCurrent()) {
      tracer().spanBuilder("orphan").setNoParent().startSpan().end();
      tracer().spanBuilder("fresh").setParent(Context.root()).startSpan().end();
      tracer().spanBuilder("linked").addLink(checkout.getSpanContext()).startSpan().end();
    } finally {
      checkout.end();
    }
    SpanContext elsewhere = SpanContext.createFromRemoteParent(
        traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault());
    try (Scope ignored = Span.wrap(elsewhere).makeCurrent()) {
      publish.run();
    }
  }

  private enum MapSetter implements TextMapSetter<Map<String, String>> {
    INSTANCE;

    @Override
    public void set(Map<String, String> carrier, String key, String value) {
      carrier.put(key, value);
    }
  }

  private enum MapGetter implements TextMapGetter<Map<String, String>> {
    INSTANCE;

    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  }

  private static final ContextKey<String> REQUEST = ContextKey.named("shop.request");

  /**
   * Makes {@code request} current under a key of the application's own, hands a task over with
   * {@code handOff} (as an executor Warren follows does) and runs it on another thread: what the
   * task read under that key.
   */
  public static String entryOnAnotherThread(String request, UnaryOperator<Runnable> handOff)
      throws InterruptedException {
    AtomicReference<String> seen = new AtomicReference<>("not run");
    Runnable task;
    try (Scope ignored = Context.current().with(REQUEST, request).makeCurrent()) {
      task = handOff.apply(() -> seen.set(Context.current().get(REQUEST)));
    }
    Thread other = new Thread(task);
    other.start();
    other.join();
    return seen.get();
  }
}
