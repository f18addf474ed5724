package io.warren.smoketest.spring;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The fixed amount of work of a run: messages sent, received or (failing role) delivery attempts.
 * The app exits once it is done, or when the deadline set by {@code --app.timeout-ms} passes.
 */
@Component
class Work {
  private final long expected;
  private final CountDownLatch latch;
  private final long deadlineNanos;

  Work(Settings settings) {
    expected = settings.role.equals("failing")
        ? (long) settings.count * settings.attempts : settings.count;
    latch = new CountDownLatch((int) expected);
    deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.timeoutMs);
  }

  void done() {
    latch.countDown();
  }

  boolean isDone() {
    return latch.getCount() == 0;
  }

  boolean deadlinePassed() {
    return System.nanoTime() - deadlineNanos > 0;
  }

  /** Waits until the work is done or the deadline has passed (the timeout counts from start-up). */
  boolean await() throws InterruptedException {
    return latch.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  long remaining() {
    return latch.getCount();
  }

  long expected() {
    return expected;
  }
}
