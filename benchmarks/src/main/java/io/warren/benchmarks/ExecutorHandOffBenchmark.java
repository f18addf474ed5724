package io.warren.benchmarks;

import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the java-concurrent module adds to a hand-off of work to another thread. Meant to be run
 * twice by {@code run-handoff-jmh.sh}: in a JVM without the agent, and in one started with
 * {@code -javaagent:warren-agent.jar} (the JDK's classes instrumented as in production, the
 * bridge on the agent's SDK). {@code span=current}: a Warren span is current on the thread that
 * hands the task over, so its context is carried; {@code span=none}: an untraced hand-off.
 *
 * <p>{@code futureTask} is the whole added cost without a thread in between: build the FutureTask
 * that {@code submit} builds (where the context is taken) and run it (where it is made current
 * and restored). {@code threadPool} is a real hand-off: 1000 tasks to a one-thread pool, per task.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExecutorHandOffBenchmark {

  private static final int TASKS = 1000;

  @Param({"none", "current"})
  public String span;

  private final Callable<Integer> task = () -> 42;
  private ExecutorService pool;
  private Object handle;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    boolean agent = Tracing.class.getClassLoader() == null; // the agent put the bridge there
    if (agent) {
      awaitAgentStarted();
    }
    if (span.equals("current")) {
      handle = Tracing.startCurrent(SpanStart.begin("io.warren.benchmarks", SpanStart.Kind.INTERNAL, "handler"));
      if (agent && handle == null) {
        throw new IllegalStateException("no span current with the agent");
      }
    }
    System.out.println();
    System.out.println("agent: " + agent + ", context carried: " + (Tracing.currentContext() != null));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    Tracing.end(handle, null);
    pool.shutdownNow();
  }

  @Benchmark
  public Integer futureTask() throws Exception {
    FutureTask<Integer> future = new FutureTask<>(task);
    future.run();
    return future.get();
  }

  @Benchmark
  @OperationsPerInvocation(TASKS)
  public void threadPool() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(TASKS);
    Runnable countDown = done::countDown;
    for (int i = 0; i < TASKS; i++) {
      pool.execute(countDown);
    }
    done.await();
  }

  /** The agent starts in the background: its bridge answers once the SDK is up. */
  private static void awaitAgentStarted() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Object probe = Tracing.startCurrent(SpanStart.begin("io.warren.benchmarks", SpanStart.Kind.INTERNAL, "probe"));
      Tracing.end(probe, null);
      if (probe != null) {
        Thread.sleep(500); // and the JDK classes retransformed right after
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the agent did not start");
  }
}
