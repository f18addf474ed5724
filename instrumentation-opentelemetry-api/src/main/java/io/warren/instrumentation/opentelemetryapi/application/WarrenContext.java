package io.warren.instrumentation.opentelemetryapi.application;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.warren.bootstrap.Tracing;
import java.util.Arrays;

/**
 * The application's view of one of Warren's contexts: the API's span key answers with Warren's
 * span in it (or the application's own SDK span Warren holds by its ids, see {@link
 * OwnSdkSpans}); any other key the application uses is kept beside it, here.
 */
final class WarrenContext implements Context {

  /** No context: Warren's none, and no entry of the application's. */
  static final WarrenContext ROOT = new WarrenContext(null, new Object[0]);

  /** The key under which the API keeps the span, learnt from the API itself. */
  private static final ContextKey<?> SPAN_KEY = SpanKeyProbe.spanKey();

  /** Warren's context ({@code Tracing.currentContext()}); null: none. */
  final Object warren;

  /** The application's other keys and values, alternating; never changed once made. */
  final Object[] entries;

  WarrenContext(Object warren, Object[] entries) {
    this.warren = warren;
    this.entries = entries;
  }

  /** The view of Warren's context {@code warren} with the entries of {@code like}. */
  static WarrenContext of(Object warren, WarrenContext like) {
    return warren == null && like.entries.length == 0 ? ROOT : new WarrenContext(warren, like.entries);
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
    return null;
  }

  @Override
  public <V> Context with(ContextKey<V> key, V value) {
    if (key == SPAN_KEY) {
      Object withSpan = value instanceof WarrenSpan
          ? Tracing.contextWith(warren, ((WarrenSpan) value).handle)
          : OwnSdkSpans.contextWith(warren, value);
      if (withSpan != null) {
        return new WarrenContext(withSpan, without(key));
      }
    }
    Object[] kept = without(key);
    Object[] added = Arrays.copyOf(kept, kept.length + 2);
    added[kept.length] = key;
    added[kept.length + 1] = value;
    return new WarrenContext(warren, added);
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

  /** A context that only notes the key a span stores itself under. */
  static final class SpanKeyProbe implements Context {

    private ContextKey<?> key;

    static ContextKey<?> spanKey() {
      SpanKeyProbe probe = new SpanKeyProbe();
      Span.getInvalid().storeInContext(probe);
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
