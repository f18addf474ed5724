package io.warren.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DeadlineSweeperTest {

  /** Deadlines (System.nanoTime) waiting, and a latch per deadline that the sweep counts down. */
  private static final class Waiting implements DeadlineSweeper.Sweep {
    final ConcurrentLinkedQueue<Object[]> items = new ConcurrentLinkedQueue<Object[]>();
    final AtomicBoolean failNext = new AtomicBoolean();

    CountDownLatch add(long inNanos) {
      CountDownLatch ended = new CountDownLatch(1);
      items.add(new Object[] {System.nanoTime() + inNanos, ended});
      return ended;
    }

    @Override
    public long sweep() {
      if (failNext.getAndSet(false)) {
        throw new IllegalStateException("a span that could not be ended");
      }
      long now = System.nanoTime();
      long next = -1;
      for (Object[] item : items) {
        long left = (Long) item[0] - now;
        if (left <= 0) {
          items.remove(item);
          ((CountDownLatch) item[1]).countDown();
        } else {
          next = next < 0 ? left : Math.min(next, left);
        }
      }
      return next;
    }
  }

  @Test
  void endsWhatIsDueAndWakesFromIdleForWhatComesLater() throws InterruptedException {
    Waiting waiting = new Waiting();
    DeadlineSweeper sweeper = new DeadlineSweeper("test-sweeper-" + System.nanoTime(), waiting);

    CountDownLatch first = waiting.add(TimeUnit.MILLISECONDS.toNanos(20));
    sweeper.wake();
    assertTrue(first.await(30, TimeUnit.SECONDS), "the first deadline was swept");

    // Nothing waits now: the thread parks until woken, and a later item must still be swept.
    CountDownLatch later = waiting.add(TimeUnit.MILLISECONDS.toNanos(20));
    sweeper.wake();
    assertTrue(later.await(30, TimeUnit.SECONDS), "an item added after the thread went idle was swept");
  }

  @Test
  void aSweepThatThrowsDoesNotStopTheThread() throws InterruptedException {
    Waiting waiting = new Waiting();
    DeadlineSweeper sweeper = new DeadlineSweeper("test-sweeper-" + System.nanoTime(), waiting);
    waiting.failNext.set(true);

    CountDownLatch ended = waiting.add(TimeUnit.MILLISECONDS.toNanos(20));
    sweeper.wake();
    assertTrue(ended.await(30, TimeUnit.SECONDS), "swept after the failed sweep");
  }
}
