package io.warren.instrumentation.opentelemetryapi.application;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import io.warren.bootstrap.Tracing;

/**
 * The application's context storage, kept in Warren's: what the application makes current is
 * Warren's current context (so Warren's spans are its children and Warren carries it to other
 * threads), and what Warren makes current is what the application sees.
 */
public final class WarrenContextStorage implements ContextStorage {

  static final WarrenContextStorage INSTANCE = new WarrenContextStorage();

  /**
   * The application's context last attached on this thread: its own entries stay visible while
   * Warren's part changes under it (a span Warren starts inside it). They do not follow Warren to
   * other threads yet.
   */
  private final ThreadLocal<WarrenContext> attached = new ThreadLocal<WarrenContext>();

  private WarrenContextStorage() {}

  /** Warren's storage in place of the one the API made. */
  public static ContextStorage instead(ContextStorage made) {
    return INSTANCE;
  }

  @Override
  public Scope attach(Context toAttach) {
    if (toAttach == null) {
      return Scope.noop();
    }
    WarrenContext context = toAttach instanceof WarrenContext
        ? (WarrenContext) toAttach
        : fromForeign(toAttach);
    Object scope = context.warren == null ? Tracing.attachNone() : Tracing.attach(context.warren);
    WarrenContext before = attached.get();
    attached.set(context);
    return new Restore(scope, before);
  }

  @Override
  public Context current() {
    Object warren = Tracing.currentContext();
    WarrenContext last = attached.get();
    if (last == null) {
      return WarrenContext.of(warren, WarrenContext.ROOT);
    }
    return last.warren == warren ? last : WarrenContext.of(warren, last);
  }

  @Override
  public Context root() {
    return WarrenContext.ROOT;
  }

  /**
   * A context the application built on the API's own root (before Warren's storage was in
   * place): its span is kept; other entries cannot be listed, so are not.
   */
  private static WarrenContext fromForeign(Context context) {
    Context withSpan = WarrenContext.ROOT.with(Span.fromContext(context));
    return withSpan instanceof WarrenContext ? (WarrenContext) withSpan : WarrenContext.ROOT;
  }

  /** Ends an attach: Warren's context and the application's entries as they were before it. */
  private final class Restore implements Scope {
    private final Object scope;
    private final WarrenContext before;

    Restore(Object scope, WarrenContext before) {
      this.scope = scope;
      this.before = before;
    }

    @Override
    public void close() {
      Tracing.detach(scope);
      if (before == null) {
        attached.remove();
      } else {
        attached.set(before);
      }
    }
  }
}
