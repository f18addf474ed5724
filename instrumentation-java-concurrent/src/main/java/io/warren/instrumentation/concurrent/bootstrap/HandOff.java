package io.warren.instrumentation.concurrent.bootstrap;

import io.warren.bootstrap.AdviceErrors;
import io.warren.bootstrap.Tracing;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * What the advice in the JDK's executors calls where a task is handed to another thread: with a
 * context current here, the task goes on wrapped so that it runs with that context; without
 * one (an untraced task, or before the agent has started) the task is left as it is, at the cost
 * of one thread-local read. Nothing is kept anywhere but in the wrapper, which lives as long as
 * the executor holds the task. Never throws: the application's task goes on unwrapped instead.
 * JDK types only: it lives in the boot loader.
 */
public final class HandOff {

  private HandOff() {}

  /** Wraps any task (the task of a FutureTask being built). */
  public static Runnable wrap(Runnable task) {
    try {
      if (task == null || task instanceof ContextRunnable) {
        return task;
      }
      Object context = Tracing.currentContext();
      return context == null ? task : new ContextRunnable(task, context);
    } catch (Throwable t) {
      AdviceErrors.report(t);
      return task;
    }
  }

  /** Wraps any task that returns a value. */
  public static <V> Callable<V> wrap(Callable<V> task) {
    try {
      if (task == null || task instanceof ContextCallable) {
        return task;
      }
      Object context = Tracing.currentContext();
      return context == null ? task : new ContextCallable<V>(task, context);
    } catch (Throwable t) {
      AdviceErrors.report(t);
      return task;
    }
  }

  /**
   * A task an executor runs as it is given ({@code execute}, a new thread's task). A {@link
   * Future} is left alone: a FutureTask carries the context from its construction, and another
   * Future (a ForkJoinTask the pool must run as one) keeps its identity. CompletableFuture's own
   * asynchronous tasks are the exception: nothing depends on their identity, and they are how a
   * stage reaches its executor.
   */
  public static Runnable wrapExecuted(Runnable task) {
    if (task instanceof Future && !(task instanceof CompletableFuture.AsynchronousCompletionTask)) {
      return task;
    }
    return wrap(task);
  }

  /** A task whose executor returns it, or a Future of it, to the caller: never a Future. */
  public static Runnable wrapSubmitted(Runnable task) {
    return task instanceof Future ? task : wrap(task);
  }

  /** Tasks an executor runs together ({@code invokeAll}, {@code invokeAny}). */
  public static <V> Collection<? extends Callable<V>> wrapAll(Collection<? extends Callable<V>> tasks) {
    try {
      if (tasks == null || Tracing.currentContext() == null) {
        return tasks;
      }
      List<Callable<V>> wrapped = new ArrayList<Callable<V>>(tasks.size());
      for (Callable<V> task : tasks) {
        wrapped.add(wrap(task));
      }
      return wrapped;
    } catch (Throwable t) {
      AdviceErrors.report(t);
      return tasks;
    }
  }

  /**
   * The element of an executor's queue that stands for {@code task}: the wrapper, when the task
   * was queued wrapped, so that {@code remove(task)} finds it; else {@code task}.
   */
  public static Runnable queuedFormOf(Collection<Runnable> queue, Runnable task) {
    try {
      if (task != null && !(task instanceof ContextRunnable)) {
        for (Runnable queued : queue) {
          if (queued == task) {
            return task;
          }
          if (queued instanceof ContextRunnable && ((ContextRunnable) queued).task() == task) {
            return queued;
          }
        }
      }
    } catch (Throwable t) {
      AdviceErrors.report(t);
    }
    return task;
  }

  /** The tasks {@code shutdownNow()} returns, each as the application handed it over. */
  public static void unwrapAll(List<Runnable> drained) {
    try {
      if (drained != null) {
        for (ListIterator<Runnable> it = drained.listIterator(); it.hasNext(); ) {
          Runnable task = it.next();
          if (task instanceof ContextRunnable) {
            it.set(((ContextRunnable) task).task());
          }
        }
      }
    } catch (Throwable t) {
      AdviceErrors.report(t);
    }
  }
}
