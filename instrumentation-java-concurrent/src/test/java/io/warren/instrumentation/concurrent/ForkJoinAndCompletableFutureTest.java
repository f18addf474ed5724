package io.warren.instrumentation.concurrent;

import static io.warren.instrumentation.concurrent.AgentInThisJvm.currentSpanId;
import static io.warren.instrumentation.concurrent.AgentInThisJvm.callInSpan;
import static io.warren.instrumentation.concurrent.AgentInThisJvm.inSpan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The common pool, ForkJoinPools of the application's own, and CompletableFuture's stages. */
class ForkJoinAndCompletableFutureTest {

  @BeforeAll
  static void installAgent() {
    AgentInThisJvm.install();
  }

  @Test
  void tasksGivenToTheCommonPoolRunWithTheContext() throws Exception {
    ForkJoinPool common = ForkJoinPool.commonPool();
    AtomicReference<String> executed = new AtomicReference<>();
    String[] seen = new String[3];
    String span =
        inSpan(() -> {
          common.execute(() -> executed.set(currentSpanId()));
          seen[0] = common.submit(AgentInThisJvm::currentSpanId).get();
          AtomicReference<String> ran = new AtomicReference<>();
          common.submit(() -> ran.set(currentSpanId())).get();
          seen[1] = ran.get();
          seen[2] = common.invokeAll(List.<Callable<String>>of(AgentInThisJvm::currentSpanId)).get(0).get();
        });
    common.awaitQuiescence(1, java.util.concurrent.TimeUnit.MINUTES);
    assertEquals(span, executed.get());
    assertEquals(span, seen[0]);
    assertEquals(span, seen[1]);
    assertEquals(span, seen[2]);
  }

  /** Java 25 made ForkJoinPool a ScheduledExecutorService. */
  @Test
  void tasksScheduledOnTheCommonPoolRunWithTheContext() throws Exception {
    Object common = ForkJoinPool.commonPool();
    assumeTrue(common instanceof ScheduledExecutorService, "ForkJoinPool schedules from Java 25");
    ScheduledExecutorService scheduler = (ScheduledExecutorService) common;
    AtomicReference<String> ran = new AtomicReference<>();
    Object[] seen = callInSpan(() -> {
      scheduler.schedule(() -> ran.set(currentSpanId()), 1, TimeUnit.MILLISECONDS).get();
      return scheduler.schedule(AgentInThisJvm::currentSpanId, 1, TimeUnit.MILLISECONDS).get();
    });
    assertEquals(seen[0], seen[1]);
    assertEquals(seen[0], ran.get());
  }

  @Test
  void aForkJoinTaskStillRunsAsOneAndNothingLeaksOnAPoolOfItsOwn() throws Exception {
    ForkJoinPool pool = new ForkJoinPool(2);
    try {
      ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
      List<Future<?>> results = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        String name = "task " + i;
        inSpan(() -> {
          String span = currentSpanId();
          results.add(pool.submit(() -> {
            if (!currentSpanId().equals(span)) {
              wrong.add(name + " saw " + currentSpanId() + " instead of " + span);
            }
            if (name.endsWith("7")) {
              AgentInThisJvm.leakAScope();
            }
          }));
        });
        results.add(pool.submit(() -> {
          if (!currentSpanId().equals("none")) {
            wrong.add("untraced after " + name + " saw " + currentSpanId());
          }
        }));
      }
      for (Future<?> result : results) {
        result.get();
      }
      assertEquals(List.of(), wrong.stream().limit(5).collect(java.util.stream.Collectors.toList()), "the first of " + wrong.size());
      // A ForkJoinTask handed over as a Runnable is still run (and joined) as the task it is.
      Object[] sum = callInSpan(() -> pool.submit(new Sum(1, 1000)).get());
      assertEquals(500500L, sum[1]);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void asyncStagesWithoutAnExecutorSeeTheContextOfTheStageThatScheduledThem() throws Exception {
    Object[] result =
        callInSpan(() -> CompletableFuture.supplyAsync(AgentInThisJvm::currentSpanId)
            .thenApplyAsync(first -> first + "," + currentSpanId())
            .thenComposeAsync(two -> CompletableFuture.supplyAsync(() -> two + "," + currentSpanId()))
            .thenApply(three -> three + "," + currentSpanId())
            .get());
    String span = (String) result[0];
    assertEquals(span + "," + span + "," + span + "," + span, result[1]);
    assertEquals("none", CompletableFuture.supplyAsync(AgentInThisJvm::currentSpanId).get());
  }

  @Test
  void asyncStagesOnAnExecutorSeeTheContextOfTheStageThatScheduledThem() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Object[] result =
          callInSpan(() -> CompletableFuture.supplyAsync(AgentInThisJvm::currentSpanId, pool)
              .thenApplyAsync(first -> first + "," + currentSpanId(), pool)
              .thenAcceptBothAsync(CompletableFuture.runAsync(() -> {}, pool), (two, none) -> {}, pool)
              .thenApplyAsync(none -> currentSpanId(), pool)
              .thenCombineAsync(CompletableFuture.supplyAsync(AgentInThisJvm::currentSpanId), (a, b) -> a + "," + b)
              .get());
      String span = (String) result[0];
      assertEquals(span + "," + span, result[1]);
      assertEquals("none", CompletableFuture.supplyAsync(AgentInThisJvm::currentSpanId, pool).get());
    } finally {
      pool.shutdownNow();
    }
  }

  /** A RecursiveTask that forks: the pool's own kind of task. */
  static final class Sum extends RecursiveTask<Long> {
    private final int from;
    private final int to;

    Sum(int from, int to) {
      this.from = from;
      this.to = to;
    }

    @Override
    protected Long compute() {
      if (to - from < 100) {
        long sum = 0;
        for (int i = from; i <= to; i++) {
          sum += i;
        }
        return sum;
      }
      int middle = (from + to) / 2;
      Sum left = new Sum(from, middle);
      left.fork();
      return new Sum(middle + 1, to).compute() + left.join();
    }
  }
}
