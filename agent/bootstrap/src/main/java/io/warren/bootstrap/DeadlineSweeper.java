package io.warren.bootstrap;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One daemon thread that ends what has waited too long: a module's spans waiting for an answer
 * that may never come (publishes waiting for the broker's confirm, on a channel or a stream
 * producer). It sleeps until the earliest deadline its owner reports, so a timeout fires when it
 * is due rather than on the next tick of a coarse period; with nothing waiting it sleeps until
 * {@link #wake woken}. The thread starts with the first {@link #wake}; an owner's sweep that
 * throws never kills it.
 */
public final class DeadlineSweeper {

  /** What the thread runs: ends what is due, and says when to look again. */
  public interface Sweep {
    /** @return nanoseconds until the next deadline, or a negative number when nothing waits */
    long sweep();
  }

  /** The shortest sleep: many deadlines a few microseconds apart end in one sweep. */
  private static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final String threadName;
  private final Sweep sweep;
  private volatile Thread thread;
  private volatile boolean idle;

  public DeadlineSweeper(String threadName, Sweep sweep) {
    this.threadName = threadName;
    this.sweep = sweep;
  }

  /** Something new waits: start the thread, or wake it if it sleeps with nothing to wait for. */
  public void wake() {
    Thread running = thread;
    if (running != null) {
      if (idle) {
        LockSupport.unpark(running);
      }
      return;
    }
    synchronized (this) {
      if (thread != null) {
        return;
      }
      Thread started =
          new Thread(threadName) {
            @Override
            public void run() {
              runUntilInterrupted(this);
            }
          };
      started.setDaemon(true);
      started.start();
      thread = started;
    }
  }

  private void runUntilInterrupted(Thread self) {
    while (!self.isInterrupted()) {
      try {
        long wait = sweep.sweep();
        if (wait < 0) {
          idle = true;
          // Something registered meanwhile is seen now, or its wake() unparks the park below.
          wait = sweep.sweep();
          if (wait < 0) {
            LockSupport.park(this);
          }
          idle = false;
        }
        if (wait > 0) {
          LockSupport.parkNanos(this, Math.max(wait, MIN_WAIT_NANOS));
        }
      } catch (Throwable t) {
        // Never let the sweeper die of a span it could not end.
      }
    }
  }
}
