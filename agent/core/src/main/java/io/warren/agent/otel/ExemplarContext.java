package io.warren.agent.otel;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * A context that holds one span and nothing else, reused per thread: what a measurement made
 * for a given span (not the current one) hands to the SDK, so that its exemplar names that span.
 * {@code Context.root().with(span)} would allocate two objects per measurement; the SDK reads
 * the span from the context during the call and keeps only its ids.
 */
final class ExemplarContext implements Context {

  /** The key spans are stored under, learned from the API itself (it is not public). */
  private static final ContextKey<?> SPAN_KEY = spanKey();

  private static final ThreadLocal<ExemplarContext> PER_THREAD =
      ThreadLocal.withInitial(ExemplarContext::new);

  private Span span;

  private ExemplarContext() {}

  /** This thread's context, holding {@code span} until {@link #clear}. */
  static ExemplarContext of(Span span) {
    ExemplarContext context = PER_THREAD.get();
    context.span = span;
    return context;
  }

  /** Lets the span go: a context kept per thread must not keep spans alive. */
  void clear() {
    span = null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> V get(ContextKey<V> key) {
    return key == SPAN_KEY ? (V) span : null;
  }

  /** A real context: whoever adds to this one keeps the result beyond the call. */
  @Override
  public <V> Context with(ContextKey<V> key, V value) {
    return Context.root().with(span).with(key, value);
  }

  private static ContextKey<?> spanKey() {
    KeyProbe probe = new KeyProbe();
    Span.getInvalid().storeInContext(probe);
    return probe.key;
  }

  /** Catches the key a span stores itself under. */
  private static final class KeyProbe implements Context {
    ContextKey<?> key;

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
