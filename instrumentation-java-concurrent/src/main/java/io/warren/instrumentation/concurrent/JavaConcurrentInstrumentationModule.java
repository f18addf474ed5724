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

  private static final List<JdkClassInstrumentation> CLASSES =
      Arrays.asList(
          new JdkClassInstrumentation(
              "java.util.concurrent.FutureTask",
              advice(isConstructor().and(takesArguments(Runnable.class, Object.class)), "FutureTaskRunnableAdvice"),
              advice(isConstructor().and(takesArguments(Callable.class)), "FutureTaskCallableAdvice")),
          new JdkClassInstrumentation(
              "java.util.concurrent.ThreadPoolExecutor",
              advice(named("execute").and(takesArguments(Runnable.class)), "ExecuteAdvice"),
              advice(named("remove").and(takesArguments(Runnable.class)), "QueueRemoveAdvice"),
              advice(named("shutdownNow").and(takesArguments(0)), "ShutdownNowAdvice")),
          new JdkClassInstrumentation(
              "java.util.concurrent.ForkJoinPool",
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
              "java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor",
              advice(named("execute").and(takesArguments(Runnable.class)), "ExecuteAdvice")),
          // Java 21+: Executors.newVirtualThreadPerTaskExecutor() and newThreadPerTaskExecutor();
          // execute and invokeAny start their threads here, submit builds a FutureTask.
          new JdkClassInstrumentation(
              "java.util.concurrent.ThreadPerTaskExecutor",
              advice(named("start").and(takesArguments(Runnable.class)), "ExecuteAdvice")),
          // Java 21+: Thread.ofVirtual().start(task) and .unstarted(task). Not its factory(): a
          // pool's worker thread must not keep the context of the task that made the pool grow.
          new JdkClassInstrumentation(
              "java.lang.ThreadBuilders$VirtualThreadBuilder",
              advice(namedOneOf("start", "unstarted").and(takesArguments(Runnable.class)), "ExecuteAdvice")),
          new JdkClassInstrumentation(
              "java.lang.Thread",
              advice(named("startVirtualThread").and(takesArguments(Runnable.class)), "ExecuteAdvice")));

  @Override
  public String name() {
    return "java-concurrent";
  }

  @Override
  public String requiredClass() {
    return "java.util.concurrent.FutureTask";
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
    Set<String> names = new LinkedHashSet<String>();
    for (JdkClassInstrumentation type : CLASSES) {
      names.add(type.className());
    }
    return names;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>unmodifiableList(CLASSES);
  }

  private static MethodAdvice advice(ElementMatcher<? super MethodDescription> methods, String adviceClass) {
    return new MethodAdvice(methods, PACKAGE + adviceClass);
  }
}
