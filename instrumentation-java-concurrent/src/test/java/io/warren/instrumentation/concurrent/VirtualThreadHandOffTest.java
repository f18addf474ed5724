package io.warren.instrumentation.concurrent;

import static io.warren.instrumentation.concurrent.AgentInThisJvm.currentSpanId;
import static io.warren.instrumentation.concurrent.AgentInThisJvm.callInSpan;
import static io.warren.instrumentation.concurrent.AgentInThisJvm.inSpan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Virtual threads (Java 21+; the build runs these tests again on Java 25). Compiled for Java 17,
 * so the Java 21 API is called reflectively.
 */
class VirtualThreadHandOffTest {

  @BeforeAll
  static void installAgent() {
    assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21");
    AgentInThisJvm.install();
  }

  @Test
  void aVirtualThreadStartedFromABuilderRunsWithTheContext() throws Exception {
    AtomicReference<String> started = new AtomicReference<>();
    AtomicReference<String> unstarted = new AtomicReference<>();
    AtomicReference<String> direct = new AtomicReference<>();
    String span =
        inSpan(() -> {
          Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
          Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder");
          ((Thread) ofVirtual.getMethod("start", Runnable.class)
              .invoke(builder, (Runnable) () -> started.set(currentSpanId()))).join();
          Thread later = (Thread) ofVirtual.getMethod("unstarted", Runnable.class)
              .invoke(builder, (Runnable) () -> unstarted.set(currentSpanId()));
          later.start();
          later.join();
          ((Thread) Thread.class.getMethod("startVirtualThread", Runnable.class)
              .invoke(null, (Runnable) () -> direct.set(currentSpanId()))).join();
        });
    assertEquals(span, started.get());
    assertEquals(span, unstarted.get());
    assertEquals(span, direct.get());
  }

  @Test
  void theVirtualThreadPerTaskExecutorRunsEveryTaskWithTheContext() throws Exception {
    ExecutorService virtual =
        (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    try {
      AtomicReference<String> executed = new AtomicReference<>();
      String[] seen = new String[3];
      String span =
          inSpan(() -> {
            java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
            virtual.execute(() -> {
              executed.set(currentSpanId());
              ran.countDown();
            });
            ran.await();
            seen[0] = virtual.submit(AgentInThisJvm::currentSpanId).get();
            seen[1] = virtual.invokeAll(List.<Callable<String>>of(AgentInThisJvm::currentSpanId)).get(0).get();
            seen[2] = virtual.invokeAny(List.<Callable<String>>of(AgentInThisJvm::currentSpanId));
          });
      assertEquals(span, executed.get());
      assertEquals(span, seen[0]);
      assertEquals(span, seen[1]);
      assertEquals(span, seen[2]);
      assertEquals("none", virtual.submit(AgentInThisJvm::currentSpanId).get());
    } finally {
      virtual.shutdownNow();
    }
  }

  @Test
  void aThreadPerTaskExecutorOfPlatformThreadsRunsEveryTaskWithTheContext() throws Exception {
    ExecutorService perTask = (ExecutorService) Executors.class
        .getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
        .invoke(null, Executors.defaultThreadFactory());
    try {
      AtomicReference<String> executed = new AtomicReference<>();
      String span =
          inSpan(() -> {
            java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
            perTask.execute(() -> {
              executed.set(currentSpanId());
              ran.countDown();
            });
            ran.await();
          });
      assertEquals(span, executed.get());
    } finally {
      perTask.shutdownNow();
    }
  }

  /**
   * A pool whose workers are virtual threads from a factory: the worker made while a traced task
   * was handed over must not keep that task's context for the tasks after it.
   */
  @Test
  void aPoolOfVirtualWorkersDoesNotGiveItsWorkersTheContextThatMadeThem() throws Exception {
    Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
    ThreadFactory factory =
        (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, java.util.concurrent.TimeUnit.SECONDS,
        new java.util.concurrent.LinkedBlockingQueue<>(), factory);
    try {
      Object[] traced = callInSpan(() -> pool.submit(AgentInThisJvm::currentSpanId).get());
      assertEquals(traced[0], traced[1]);
      assertEquals("none", pool.submit(AgentInThisJvm::currentSpanId).get());
    } finally {
      pool.shutdownNow();
    }
  }
}
