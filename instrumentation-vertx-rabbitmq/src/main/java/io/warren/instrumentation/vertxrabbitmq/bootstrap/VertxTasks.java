package io.warren.instrumentation.vertxrabbitmq.bootstrap;

import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.WeakIdentityMap;
import io.warren.instrumentation.vertxrabbitmq.bootstrap.api.PublishContexts;

/**
 * The context each Vert.x worker task, or each message a publisher queues, was handed over in,
 * until it runs. Held against the task itself (weakly: a task that never runs is forgotten with
 * it), since a worker pool's runner runs many tasks in a row and carries only the first one's
 * context, and a publisher sends its queued messages from the completion of the one before. A
 * task made with no context current costs one thread-local read.
 */
public final class VertxTasks {

  private static final WeakIdentityMap<Object> CONTEXTS = new WeakIdentityMap<Object>();

  private VertxTasks() {}

  /** {@code task} was made: it takes the context current here, if any. */
  public static void handedOver(Object task) {
    keep(task, Tracing.currentContext());
  }

  /**
   * A publisher queued {@code message}, to be sent with {@code properties}: it takes the context
   * a library above the client named for them ({@link PublishContexts}), else the one current
   * here, if any.
   */
  public static void queued(Object message, Object properties) {
    Object context = PublishContexts.take(properties);
    keep(message, context != null ? context : Tracing.currentContext());
  }

  private static void keep(Object taskOrMessage, Object context) {
    if (context != null) {
      CONTEXTS.put(taskOrMessage, context);
    }
  }

  /**
   * {@code task} starts: its context is current, or none when it was made with none; returns
   * the scope for {@link #ran}, null when there is nothing to undo.
   */
  public static Object running(Object task) {
    return attach(CONTEXTS.remove(task));
  }

  /**
   * Like {@link #running}, for a task that may run again (a publish its publisher retries): it
   * keeps its context until it is collected.
   */
  public static Object runningAgain(Object task) {
    return attach(CONTEXTS.get(task));
  }

  private static Object attach(Object context) {
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
