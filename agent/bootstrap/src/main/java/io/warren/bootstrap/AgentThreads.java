package io.warren.bootstrap;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's own threads, on which no span ever starts ({@link Tracing#start} returns null
 * there): the export threads and what they use send the agent's spans over HTTP, and tracing
 * those requests would make spans of every export, which would be exported in turn.
 *
 * <p>A thread is the agent's own while it runs code the core marked with {@link #enter}, or for
 * its whole life when a {@link #factory} made it.
 */
public final class AgentThreads {

  private static final ThreadLocal<Boolean> OWN = new ThreadLocal<Boolean>();

  private AgentThreads() {}

  /** True on a thread that is the agent's own. */
  public static boolean isCurrent() {
    return OWN.get() != null;
  }

  /**
   * The current thread is the agent's own until {@link #exit}; returns what to hand to it (the
   * state before, so that calls nest).
   */
  public static boolean enter() {
    boolean before = isCurrent();
    OWN.set(Boolean.TRUE);
    return before;
  }

  /** Ends an {@link #enter}: the thread is the agent's own again only if it was before. */
  public static void exit(boolean before) {
    if (!before) {
      OWN.remove();
    }
  }

  /** Daemon threads named {@code name-1}, {@code name-2}, ..., the agent's own for their life. */
  public static ThreadFactory factory(final String name) {
    final AtomicInteger count = new AtomicInteger();
    return new ThreadFactory() {
      @Override
      public Thread newThread(final Runnable task) {
        Thread thread =
            new Thread(
                new Runnable() {
                  @Override
                  public void run() {
                    enter();
                    task.run();
                  }
                },
                name + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      }
    };
  }
}
