package io.warren.bootstrap;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts how deeply one kind of instrumented call is nested on the current thread, so that a
 * call through a delegating wrapper (a channel wrapping a channel, a chain of overloads) makes
 * one span, owned by the outermost call.
 *
 * <p>A module takes one kind per operation it guards, once, with {@link #newKind()}; separate
 * kinds keep, say, a publish made inside a message handler from being swallowed by the
 * handler's own guard. The counters live on the boot class path, so the thread-local never pins
 * an application class loader.
 */
public final class CallDepth {

  /** More than all modules together need; a module that asks for more gets an error at start. */
  private static final int MAX_KINDS = 32;

  private static final AtomicInteger KINDS = new AtomicInteger();

  private static final ThreadLocal<int[]> DEPTHS =
      new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
          return new int[MAX_KINDS];
        }
      };

  private CallDepth() {}

  /** A new kind of call, with its own counter on every thread. */
  public static int newKind() {
    int kind = KINDS.getAndIncrement();
    if (kind >= MAX_KINDS) {
      throw new IllegalStateException("more than " + MAX_KINDS + " kinds of nested calls");
    }
    return kind;
  }

  /** Enters a call of {@code kind}; returns true when it is the outermost one. */
  public static boolean enter(int kind) {
    return DEPTHS.get()[kind]++ == 0;
  }

  /** Leaves a call of {@code kind}; returns true when the outermost one has returned. */
  public static boolean exit(int kind) {
    int[] depths = DEPTHS.get();
    if (depths[kind] > 0) {
      depths[kind]--;
    }
    return depths[kind] == 0;
  }
}
