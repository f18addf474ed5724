package io.warren.instrumentation.concurrent.bootstrap;

import io.warren.bootstrap.Tracing;

/**
 * A task handed to another thread with the context that was current where it was handed over:
 * that context is current while it runs, and whatever was current on the running thread before
 * is current again after it, however it ended.
 */
public final class ContextRunnable implements Runnable {

  private final Runnable task;
  private final Object context;

  ContextRunnable(Runnable task, Object context) {
    this.task = task;
    this.context = context;
  }

  /** The application's own task. */
  public Runnable task() {
    return task;
  }

  @Override
  public void run() {
    Object scope = Tracing.attach(context);
    try {
      task.run();
    } finally {
      Tracing.detach(scope);
    }
  }

  @Override
  public String toString() {
    return task.toString();
  }
}
