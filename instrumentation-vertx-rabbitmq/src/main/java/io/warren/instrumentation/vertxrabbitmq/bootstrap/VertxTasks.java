package io.warren.instrumentation.vertxrabbitmq.bootstrap;

import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.WeakIdentityMap;

/**
 * The context each Vert.x worker task was made in, until it runs. Held against the task itself
 * (weakly: a task that never runs is forgotten with it), since a worker pool's runner runs many
 * tasks in a row and carries only the first one's context. A task made with no context current
 * costs one thread-local read.
 */
public final class VertxTasks {

  private static final WeakIdentityMap<Object> CONTEXTS = new WeakIdentityMap<Object>();

  private VertxTasks() {}

  /** {@code task} was made: it takes the context current here, if any. */
  public static void handedOver(Object task) {
    Object context = Tracing.currentContext();
    if (context != null) {
      CONTEXTS.put(task, context);
    }
  }

  /**
   * {@code task} starts: its context is current, or none when it was made with none; returns
   * the scope for {@link #ran}, null when there is nothing to undo.
   */
  public static Object running(Object task) {
    Object context = CONTEXTS.remove(task);
    if (context != null) {
      return Tracing.attach(context);
    }
    return Tracing.attachNone();
  }

  /** The task ended: whatever the thread had current before it is current again. */
  public static void ran(Object scope) {
    Tracing.detach(scope);
  }
}
