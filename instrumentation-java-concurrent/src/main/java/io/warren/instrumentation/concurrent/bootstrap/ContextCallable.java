package io.warren.instrumentation.concurrent.bootstrap;

import io.warren.bootstrap.Tracing;
import java.util.concurrent.Callable;

/** {@link ContextRunnable}, for a task that returns a value. */
public final class ContextCallable<V> implements Callable<V> {

  private final Callable<V> task;
  private final Object context;

  ContextCallable(Callable<V> task, Object context) {
    this.task = task;
    this.context = context;
  }

  @Override
  public V call() throws Exception {
    Object scope = Tracing.attach(context);
    try {
      return task.call();
    } finally {
      Tracing.detach(scope);
    }
  }

  @Override
  public String toString() {
    return task.toString();
  }
}
