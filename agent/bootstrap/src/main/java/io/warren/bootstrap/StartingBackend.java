package io.warren.bootstrap;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the backend while the agent's SDK starts in the background. Classes are
 * instrumented before the SDK is up, so that the application's class loading never waits for
 * it; the first span to start waits instead (a bounded time), and then goes to the backend
 * installed meanwhile, so no early message goes untraced. Until then no span exists, so every
 * other call is the no-op's.
 */
final class StartingBackend extends NoopBackend {

  /** Far longer than a start takes, even on a loaded machine; beyond it, spans are not recorded. */
  static final long MAX_WAIT_SECONDS = 10;

  private final CountDownLatch installed = new CountDownLatch(1);
  private volatile boolean gaveUp;

  /** Lets waiting spans go on: called once the real backend, or none, is installed. */
  void released() {
    installed.countDown();
  }

  @Override
  public Object start(SpanStart span) {
    TracingBackend backend = awaitInstalled();
    return backend == null ? null : backend.start(span);
  }

  @Override
  public Object startCurrent(SpanStart span) {
    TracingBackend backend = awaitInstalled();
    return backend == null ? null : backend.startCurrent(span);
  }

  /** The backend installed meanwhile, or null when it took too long (or this thread was interrupted). */
  TracingBackend awaitInstalled() {
    if (installed.getCount() != 0 && !gaveUp) {
      try {
        if (!installed.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS)) {
          gaveUp = true;
          WarrenLog.warn("tracing did not start within " + MAX_WAIT_SECONDS
              + " s; messages are not traced until it does");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    TracingBackend backend = Tracing.backend();
    return backend == this ? null : backend;
  }
}
