package io.warren.instrumentation.opentelemetryapi.application;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.ImplicitContextKeyed;
import io.warren.bootstrap.Tracing;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The application's view of one of Warren's contexts: the API's span and baggage keys answer
 * with Warren's span and baggage in it (so both travel as Warren carries its context; a span of
 * the application's own SDK is held by its ids, see {@link OwnSdkSpans}); any other key the
 * application uses is kept beside it, here.
 */
final class WarrenContext implements Context {

  /** No context: Warren's none, and no entry of the application's. */
  static final WarrenContext ROOT = new WarrenContext(null, new Object[0]);

  /** The keys under which the API keeps the span and the baggage, learnt from the API itself. */
  private static final ContextKey<?> SPAN_KEY = KeyProbe.keyOf(Span.getInvalid());

  private static final ContextKey<?> BAGGAGE_KEY = KeyProbe.keyOf(Baggage.empty());

  /** Warren's context ({@code Tracing.currentContext()}); null: none. */
  final Object warren;

  /**
   * The application's other keys and values, alternating; never changed once made. Carried in
   * {@link #warren} as well (its extra value), where Warren's context travels.
   */
  final Object[] entries;

  WarrenContext(Object warren, Object[] entries) {
    this.warren = warren;
    this.entries = entries;
  }

  /**
   * The view of Warren's context {@code warren}: with the entries it carries (see {@link #with}),
   * else those of {@code like}.
   */
  static WarrenContext of(Object warren, WarrenContext like) {
    Object carried = Tracing.extraIn(warren);
    Object[] entries = carried instanceof Object[] ? (Object[]) carried : like.entries;
    return warren == null && entries.length == 0 ? ROOT : new WarrenContext(warren, entries);
  }

  /**
   * {@code context} as a view of Warren's: itself when it is one; else (built on the API's own
   * root before Warren's storage was in place) its span and baggage, the only entries the API
   * lets a context be read by.
   */
  static WarrenContext from(Context context) {
    if (context instanceof WarrenContext) {
      return (WarrenContext) context;
    }
    if (context == null) {
      return ROOT;
    }
    WarrenContext converted = ROOT;
    Span span = Span.fromContext(context);
    if (span instanceof WarrenSpan || span.getSpanContext().isValid()) {
      converted = (WarrenContext) converted.with(span);
    }
    Baggage baggage = Baggage.fromContext(context);
    return baggage.isEmpty() ? converted : (WarrenContext) converted.with(baggage);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> V get(ContextKey<V> key) {
    int at = indexOf(key);
    if (at >= 0) {
      return (V) entries[at + 1];
    }
    if (key == SPAN_KEY) {
      Object handle = Tracing.spanIn(warren);
      if (handle == null) {
        return null;
      }
      Span own = OwnSdkSpans.standingIn(handle);
      return own != null ? (V) own : (V) new WarrenSpan(handle);
    }
    if (key == BAGGAGE_KEY) {
      return (V) baggageOf(Tracing.baggageIn(warren));
    }
    return null;
  }

  @Override
  public <V> Context with(ContextKey<V> key, V value) {
    Object inWarrens = key == SPAN_KEY ? withSpan(value) : key == BAGGAGE_KEY ? withBaggage(value) : null;
    if (inWarrens != null) {
      return new WarrenContext(inWarrens, without(key));
    }
    Object[] kept = without(key);
    Object[] added = Arrays.copyOf(kept, kept.length + 2);
    added[kept.length] = key;
    added[kept.length + 1] = value;
    // Warren's context carries them too, so they go wherever it goes: to the thread a task is
    // handed to, through the hand-offs Warren follows.
    Object carrying = Tracing.contextWithExtra(warren, added);
    return new WarrenContext(carrying != null ? carrying : warren, added);
  }

  /**
   * Warren's context with {@code value} as its span: a Warren span itself, any other valid span
   * by its ids (one of the application's own SDK, or one it propagated by hand); null when neither.
   */
  private Object withSpan(Object value) {
    if (value instanceof WarrenSpan) {
      return Tracing.contextWith(warren, ((WarrenSpan) value).handle);
    }
    return OwnSdkSpans.contextWith(warren, value);
  }

  /** Warren's context with {@code value}'s entries as its baggage; null when it cannot be made. */
  private Object withBaggage(Object value) {
    if (!(value instanceof Baggage)) {
      return null;
    }
    Map<String, String> entries = new LinkedHashMap<String, String>();
    for (Map.Entry<String, BaggageEntry> entry : ((Baggage) value).asMap().entrySet()) {
      entries.put(entry.getKey(), entry.getValue().getValue());
    }
    return Tracing.contextWithBaggage(warren, entries);
  }

  private static Baggage baggageOf(Map<String, String> entries) {
    if (entries == null || entries.isEmpty()) {
      return null;
    }
    BaggageBuilder baggage = Baggage.builder();
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      baggage.put(entry.getKey(), entry.getValue());
    }
    return baggage.build();
  }

  private int indexOf(ContextKey<?> key) {
    for (int i = 0; i < entries.length; i += 2) {
      if (entries[i] == key) {
        return i;
      }
    }
    return -1;
  }

  private Object[] without(ContextKey<?> key) {
    int at = indexOf(key);
    if (at < 0) {
      return entries;
    }
    Object[] kept = new Object[entries.length - 2];
    System.arraycopy(entries, 0, kept, 0, at);
    System.arraycopy(entries, at + 2, kept, at, entries.length - at - 2);
    return kept;
  }

  /** A context that only notes the key a value of the API stores itself under. */
  static final class KeyProbe implements Context {

    private ContextKey<?> key;

    static ContextKey<?> keyOf(ImplicitContextKeyed value) {
      KeyProbe probe = new KeyProbe();
      value.storeInContext(probe);
      return probe.key;
    }

    @Override
    public <V> V get(ContextKey<V> key) {
      return null;
    }

    @Override
    public <V> Context with(ContextKey<V> key, V value) {
      this.key = key;
      return this;
    }
  }
}
