package io.warren.instrumentation.vertxrabbitmq;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.warren.agent.api.MethodAdvice;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Vert.x's own hand-offs, the same classes in 4.5 and 5.0, each taking the context per task where
 * the task is handed over. Only the context travels: no span per task.
 *
 * <p>Not at the executors underneath: a context's ordered tasks (every {@code executeBlocking},
 * and so every operation of the RabbitMQ client, and a worker context's events) wait in a task
 * queue whose single runner, handed to the worker pool once, runs every task queued meanwhile;
 * the JDK executor sees only that runner, with the context of whoever queued first. Netty's event
 * loops are not JDK executors at all.
 */
final class VertxHandOffInstrumentation {

  private VertxHandOffInstrumentation() {}

  /**
   * {@code WorkerTask}: every task for a worker pool, ordered or not ({@code executeBlocking}, a
   * worker context's events). The context is taken when the task is made and current while it
   * runs; a task made with none runs with none, whatever the pool's runner brought.
   */
  static final class WorkerTasks implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named("io.vertx.core.impl.WorkerTask");
    }

    @Override
    public List<MethodAdvice> methodAdvice() {
      return Arrays.asList(
          new MethodAdvice(isConstructor(), VertxRabbitMqInstrumentationModule.PACKAGE + "WorkerTaskMadeAdvice"),
          new MethodAdvice(
              named("run").and(takesArguments(0)),
              VertxRabbitMqInstrumentationModule.PACKAGE + "WorkerTaskRunAdvice"));
    }
  }

  /**
   * {@code EventLoopExecutor.execute}: every task for an event loop context ({@code runOnContext},
   * a future's callbacks and other events sent to the context from another thread).
   */
  static final class EventLoopTasks implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named("io.vertx.core.impl.EventLoopExecutor");
    }

    @Override
    public List<MethodAdvice> methodAdvice() {
      return Collections.singletonList(
          new MethodAdvice(
              named("execute").and(takesArguments(Runnable.class)),
              VertxRabbitMqInstrumentationModule.PACKAGE + "EventLoopExecuteAdvice"));
    }
  }
}
