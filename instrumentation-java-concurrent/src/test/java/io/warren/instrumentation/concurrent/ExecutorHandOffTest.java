package io.warren.instrumentation.concurrent;

import static io.warren.instrumentation.concurrent.AgentInThisJvm.currentSpanId;
import static io.warren.instrumentation.concurrent.AgentInThisJvm.callInSpan;
import static io.warren.instrumentation.concurrent.AgentInThisJvm.inSpan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tasks given to the JDK's thread pools, with and without a span current where they are given. */
class ExecutorHandOffTest {

  private final List<ExecutorService> pools = new ArrayList<>();

  @BeforeAll
  static void installAgent() {
    AgentInThisJvm.install();
  }

  @AfterEach
  void stopPools() {
    pools.forEach(ExecutorService::shutdownNow);
  }

  private <E extends ExecutorService> E pool(E pool) {
    pools.add(pool);
    return pool;
  }

  @Test
  void executeAndSubmitRunWithTheContextOfTheThreadThatHandedTheTaskOver() throws Exception {
    ExecutorService pool = pool(Executors.newFixedThreadPool(2));
    AtomicReference<String> executed = new AtomicReference<>();
    CountDownLatch ran = new CountDownLatch(1);
    String[] submitted = new String[3];
    String span =
        inSpan(() -> {
          pool.execute(() -> {
            executed.set(currentSpanId());
            ran.countDown();
          });
          submitted[0] = pool.submit(AgentInThisJvm::currentSpanId).get();
          AtomicReference<String> seen = new AtomicReference<>();
          pool.submit(() -> seen.set(currentSpanId())).get();
          submitted[1] = seen.get();
          submitted[2] = pool.submit(() -> seen.set(currentSpanId()), "done").get() + seen.get();
        });
    ran.await();
    assertEquals(span, executed.get());
    assertEquals(span, submitted[0]);
    assertEquals(span, submitted[1]);
    assertEquals("done" + span, submitted[2]);
  }

  @Test
  void invokeAllInvokeAnyAndACompletionServiceRunEveryTaskWithTheContext() throws Exception {
    ExecutorService pool = pool(Executors.newFixedThreadPool(2));
    List<Callable<String>> tasks = List.of(AgentInThisJvm::currentSpanId, AgentInThisJvm::currentSpanId);
    Object[] all = callInSpan(() -> pool.invokeAll(tasks));
    for (Future<?> result : (List<Future<?>>) all[1]) {
      assertEquals(all[0], result.get());
    }
    Object[] any = callInSpan(() -> pool.invokeAny(tasks));
    assertEquals(any[0], any[1]);
    java.util.concurrent.CompletionService<String> completion =
        new java.util.concurrent.ExecutorCompletionService<>(pool);
    Object[] completed = callInSpan(() -> completion.submit(AgentInThisJvm::currentSpanId));
    assertEquals(completed[0], completion.take().get());
  }

  /**
   * The leak test: on a small pool, traced and untraced tasks alternate; each traced one sees its
   * own span, each untraced one sees none, whatever the task before it on that thread did:
   * completed, threw, or left a span of its own current.
   */
  @Test
  void nothingOfATracedTaskRemainsOnThePooledThreadAfterIt() throws Exception {
    ExecutorService pool = pool(Executors.newFixedThreadPool(2));
    ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    List<Future<?>> results = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      int kind = i % 3;
      String name = "task " + i;
      inSpan(() -> {
            String span = currentSpanId();
            Runnable traced = () -> {
              if (!currentSpanId().equals(span)) {
                wrong.add(name + " saw " + currentSpanId() + " instead of " + span);
              }
              if (kind == 1) {
                throw new IllegalStateException("the task fails");
              }
              if (kind == 2) {
                AgentInThisJvm.leakAScope();
              }
            };
            if (name.hashCode() % 2 == 0) {
              pool.execute(traced);
            } else {
              results.add(pool.submit(traced));
            }
          });
      Runnable untraced = () -> {
        if (!currentSpanId().equals("none")) {
          wrong.add("untraced after " + name + " saw " + currentSpanId());
        }
      };
      results.add(pool.submit(untraced));
    }
    for (Future<?> result : results) {
      try {
        result.get();
      } catch (ExecutionException expected) {
        assertEquals("the task fails", expected.getCause().getMessage());
      }
    }
    assertEquals(List.of(), wrong.stream().limit(5).collect(java.util.stream.Collectors.toList()), "the first of " + wrong.size());
  }

  @Test
  void aTaskHandedOverWithoutAContextIsQueuedAsItIs() throws Exception {
    ThreadPoolExecutor pool = pool(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()));
    CountDownLatch release = new CountDownLatch(1);
    pool.execute(() -> await(release));
    Runnable untraced = () -> {};
    pool.execute(untraced);
    assertSame(untraced, pool.getQueue().peek());
    release.countDown();
  }

  @Test
  void aTracedTaskThatNeverRunsIsGivenBackAsTheApplicationGaveIt() throws Exception {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    CountDownLatch release = new CountDownLatch(1);
    pool.execute(() -> await(release));
    Runnable removed = () -> {};
    Runnable neverRun = () -> {};
    inSpan(() -> {
      pool.execute(removed);
      pool.execute(neverRun);
    });
    assertTrue(pool.remove(removed), "remove(task) finds a task queued with its context");
    assertFalse(pool.remove(removed));
    List<Runnable> drained = pool.shutdownNow();
    release.countDown();
    assertEquals(1, drained.size());
    assertSame(neverRun, drained.get(0), "shutdownNow() returns the application's own task");
  }

  @Test
  void aCancelledTaskLeavesNothingBehind() throws Exception {
    ExecutorService pool = pool(Executors.newSingleThreadExecutor());
    CountDownLatch release = new CountDownLatch(1);
    pool.execute(() -> await(release));
    AtomicReference<String> ran = new AtomicReference<>("never");
    Future<?>[] cancelled = new Future<?>[1];
    inSpan(() -> cancelled[0] = pool.submit(() -> ran.set(currentSpanId())));
    assertTrue(cancelled[0].cancel(false));
    release.countDown();
    assertEquals("none", pool.submit(AgentInThisJvm::currentSpanId).get());
    assertEquals("never", ran.get());
  }

  @Test
  void aCancelledRunningTaskLeavesNothingBehind() throws Exception {
    ExecutorService pool = pool(Executors.newSingleThreadExecutor());
    CountDownLatch started = new CountDownLatch(1);
    Future<?>[] running = new Future<?>[1];
    inSpan(() -> running[0] = pool.submit(() -> {
      started.countDown();
      await(new CountDownLatch(1)); // until interrupted
    }));
    started.await();
    assertTrue(running[0].cancel(true));
    assertEquals("none", pool.submit(AgentInThisJvm::currentSpanId).get());
  }

  @Test
  void scheduledTasksRunWithTheContextOfTheirScheduling() throws Exception {
    ScheduledExecutorService pool = pool(Executors.newScheduledThreadPool(1));
    CountDownLatch threeRuns = new CountDownLatch(3);
    ConcurrentLinkedQueue<String> periodic = new ConcurrentLinkedQueue<>();
    Object[] delayed = new Object[2];
    String span =
        inSpan(() -> {
          delayed[0] = pool.schedule(AgentInThisJvm::currentSpanId, 1, TimeUnit.MILLISECONDS);
          AtomicReference<String> seen = new AtomicReference<>();
          pool.schedule(() -> seen.set(currentSpanId()), 1, TimeUnit.MILLISECONDS).get();
          delayed[1] = seen.get();
          ScheduledFuture<?> repeating =
              pool.scheduleAtFixedRate(() -> {
                periodic.add(currentSpanId());
                threeRuns.countDown();
              }, 0, 1, TimeUnit.MILLISECONDS);
          threeRuns.await();
          repeating.cancel(false);
        });
    assertEquals(span, ((ScheduledFuture<?>) delayed[0]).get());
    assertEquals(span, delayed[1]);
    assertTrue(periodic.size() >= 3);
    periodic.forEach(seen -> assertEquals(span, seen));
    assertEquals("none", pool.schedule(AgentInThisJvm::currentSpanId, 0, TimeUnit.MILLISECONDS).get());
  }

  @Test
  void theTaskARejectionPolicyRunsOnTheCallerKeepsItsContext() throws Exception {
    ThreadPoolExecutor pool = pool(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
        new java.util.concurrent.SynchronousQueue<>(), new ThreadPoolExecutor.CallerRunsPolicy()));
    CountDownLatch release = new CountDownLatch(1);
    pool.execute(() -> await(release));
    AtomicReference<String> seen = new AtomicReference<>();
    String span = inSpan(() -> pool.execute(() -> seen.set(currentSpanId())));
    release.countDown();
    assertEquals(span, seen.get());
    assertEquals("none", currentSpanId());
  }

  @Test
  void aPoolThatRejectsStillThrowsAsWithoutTheAgent() throws Exception {
    ThreadPoolExecutor pool = pool(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
        new java.util.concurrent.SynchronousQueue<>()));
    CountDownLatch release = new CountDownLatch(1);
    pool.execute(() -> await(release));
    inSpan(() -> assertThrows(java.util.concurrent.RejectedExecutionException.class,
        () -> pool.execute(() -> {})));
    release.countDown();
  }

  static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
