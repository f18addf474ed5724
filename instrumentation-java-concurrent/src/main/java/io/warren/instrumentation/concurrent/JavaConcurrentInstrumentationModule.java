package io.warren.instrumentation.concurrent;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.MethodAdvice;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The trace follows work handed to other threads: a task given to one of the JDK's executors, a
 * CompletableFuture's asynchronous stage, a virtual thread, runs with the context that was
 * current where it was handed over, and leaves nothing current behind. Only the context travels:
 * no span per task. A task handed over without a current context is left untouched.
 *
 * <p>Where the context is taken: a {@code FutureTask} when it is built (every {@code submit},
 * {@code invokeAll}, {@code schedule} of the JDK's {@code AbstractExecutorService}s and of {@code
 * ScheduledThreadPoolExecutor}), so the Future the caller gets is the executor's own; otherwise
 * where the executor takes a bare task ({@code execute}, ForkJoinPool's own submit methods, the
 * thread-per-task executors, a virtual thread started from a builder).
 */
public final class JavaConcurrentInstrumentationModule implements InstrumentationModule {

  private static final String PACKAGE = "io.warren.instrumentation.concurrent.";

  // The JDK classes, by name; each has its advice in Instrumentations.
  private static final String FUTURE_TASK = "java.util.concurrent.FutureTask";
  private static final String THREAD_POOL_EXECUTOR = "java.util.concurrent.ThreadPoolExecutor";
  private static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";
  private static final String COMPLETABLE_FUTURE_THREAD_PER_TASK =
      "java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor";
  private static final String THREAD_PER_TASK_EXECUTOR = "java.util.concurrent.ThreadPerTaskExecutor";
  private static final String VIRTUAL_THREAD_BUILDER = "java.lang.ThreadBuilders$VirtualThreadBuilder";
  private static final String THREAD = "java.lang.Thread";
  private static final List<String> CLASS_NAMES = Arrays.asList(FUTURE_TASK, THREAD_POOL_EXECUTOR,
      FORK_JOIN_POOL, COMPLETABLE_FUTURE_THREAD_PER_TASK, THREAD_PER_TASK_EXECUTOR,
      VIRTUAL_THREAD_BUILDER, THREAD);

  /**
   * The advice, built when the agent resolves it on its own thread: its method matchers load Byte
   * Buddy, which the JVM's start (where {@link #bootClasses()} is read) need not wait for.
   */
  private static final class Instrumentations {
    static final List<JdkClassInstrumentation> CLASSES =
        Arrays.asList(
            new JdkClassInstrumentation(
                FUTURE_TASK,
                advice(isConstructor().and(takesArguments(Runnable.class, Object.class)), "FutureTaskRunnableAdvice"),
                advice(isConstructor().and(takesArguments(Callable.class)), "FutureTaskCallableAdvice")),
            new JdkClassInstrumentation(
                THREAD_POOL_EXECUTOR,
                advice(named("execute").and(takesArguments(Runnable.class)), "ExecuteAdvice"),
                advice(named("remove").and(takesArguments(Runnable.class)), "QueueRemoveAdvice"),
                advice(named("shutdownNow").and(takesArguments(0)), "ShutdownNowAdvice")),
            new JdkClassInstrumentation(
                FORK_JOIN_POOL,
                advice(named("execute").and(takesArguments(Runnable.class)), "ExecuteAdvice"),
                advice(
                    namedOneOf("submit", "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay")
                        .and(takesArgument(0, Runnable.class)),
                    "SubmitAdvice"),
                advice(
                    namedOneOf("submit", "schedule", "submitWithTimeout").and(takesArgument(0, Callable.class)),
                    "CallableAdvice"),
                advice(
                    namedOneOf("invokeAll", "invokeAny", "invokeAllUninterruptibly")
                        .and(takesArgument(0, Collection.class)),
                    "CallablesAdvice")),
            // The executor of CompletableFuture's async stages when the common pool has a single
            // thread (Java 17 to 20): a new thread per task.
            new JdkClassInstrumentation(
                COMPLETABLE_FUTURE_THREAD_PER_TASK,
                advice(named("execute").and(takesArguments(Runnable.class)), "ExecuteAdvice")),
            // Java 21+: Executors.newVirtualThreadPerTaskExecutor() and newThreadPerTaskExecutor();
            // execute and invokeAny start their threads here, submit builds a FutureTask.
            new JdkClassInstrumentation(
                THREAD_PER_TASK_EXECUTOR,
                advice(named("start").and(takesArguments(Runnable.class)), "ExecuteAdvice")),
            // Java 21+: Thread.ofVirtual().start(task) and .unstarted(task). Not its factory(): a
            // pool's worker thread must not keep the context of the task that made the pool grow.
            new JdkClassInstrumentation(
                VIRTUAL_THREAD_BUILDER,
                advice(namedOneOf("start", "unstarted").and(takesArguments(Runnable.class)), "ExecuteAdvice")),
            new JdkClassInstrumentation(
                THREAD,
                advice(named("startVirtualThread").and(takesArguments(Runnable.class)), "ExecuteAdvice")));
  }

  @Override
  public String name() {
    return "java-concurrent";
  }

  @Override
  public String requiredClass() {
    return FUTURE_TASK;
  }

  /** None: the JDK classes are named ({@link #bootClasses()}), no application class is looked at. */
  @Override
  public List<String> referencedTypes() {
    return Collections.emptyList();
  }

  /** No context can be current before the agent has started: nothing to carry until then. */
  @Override
  public boolean needsClassesFromStart() {
    return false;
  }

  @Override
  public Set<String> bootClasses() {
    return new LinkedHashSet<String>(CLASS_NAMES);
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>unmodifiableList(Instrumentations.CLASSES);
  }

  private static MethodAdvice advice(ElementMatcher<? super MethodDescription> methods, String adviceClass) {
    return new MethodAdvice(methods, PACKAGE + adviceClass);
  }
}
