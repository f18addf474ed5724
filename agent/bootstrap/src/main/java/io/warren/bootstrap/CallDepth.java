package io.warren.bootstrap;

/**
 * Counts how deeply one kind of instrumented call is nested on the current thread, so that a
 * publish through a delegating channel (AutorecoveringChannel calling ChannelN, a Spring proxy,
 * a chain of overloads) makes one span, owned by the outermost call.
 *
 * <p>Each kind has its own counter: a publish made inside a message handler must still get its
 * own span. The counters live on the boot class path, so the thread-local never pins an
 * application class loader.
 */
public final class CallDepth {

  public static final int PUBLISH = 0;
  public static final int DELIVERY = 1;
  public static final int RECEIVE = 2;
  private static final int KINDS = 3;

  private static final ThreadLocal<int[]> DEPTHS =
      new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
          return new int[KINDS];
        }
      };

  private CallDepth() {}

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
