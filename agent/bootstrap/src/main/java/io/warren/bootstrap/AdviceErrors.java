package io.warren.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Where advice reports a failure of its own. The application never sees it: the call it made
 * goes on as if the agent were absent. We count every failure and log the first few, so a
 * broken agent is visible without flooding the application's output.
 */
public final class AdviceErrors {

  private static final int LOGGED_AT_MOST = 5;
  private static final AtomicLong COUNT = new AtomicLong();

  private AdviceErrors() {}

  public static void report(Throwable error) {
    try {
      long n = COUNT.incrementAndGet();
      if (n <= LOGGED_AT_MOST) {
        WarrenLog.warn(
            "tracing failed inside an instrumented call; the call went on untraced: "
                + error
                + (n == LOGGED_AT_MOST ? " (further failures are counted, not logged)" : ""));
        if (WarrenLog.isDebug()) {
          error.printStackTrace();
        }
      }
    } catch (Throwable ignored) {
      // Reporting must never be the thing that breaks the application.
    }
  }

  public static long count() {
    return COUNT.get();
  }
}
