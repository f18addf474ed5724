package io.warren.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Whether a class waits for the agent is shown by structure, never by the clock: the agent is
 * made ready only by the test, so a class that must not wait is transformed while it never
 * becomes ready, and a class that must wait is seen parked on the transformer's latch before
 * the test makes it ready.
 */
class DeferredTransformerTest {

  // A stand-in for a client library: the types its instrumented methods take, the interface an
  // application calls, and the base class an application extends.

  /** A message's properties, as a library passes them to a publish. */
  static final class Properties {}

  /** Where a received message came from, as a library passes it to a handler. */
  static final class Envelope {}

  /** What an application calls to send. */
  interface Channel {
    void publish(String exchange, String key, Properties properties, byte[] body) throws IOException;
  }

  /** The library's base class for handlers: its own handle method declares both types. */
  abstract static class Consumer {
    public void handle(String tag, Envelope envelope, Properties properties, byte[] body) {}
  }

  /** The internal names of the library's types, as a module's referencedTypes() lists them. */
  private static final List<String> REFERENCED_TYPES =
      List.of(internalName(Properties.class), internalName(Envelope.class));

  /**
   * Only a hang detector, never a measurement: every call here returns in microseconds or
   * waits for the agent, and a wrong wait lasts until the transformer gives up (30 s), since
   * nothing makes the agent ready then.
   */
  private static final Duration HANG = Duration.ofSeconds(10);

  private static final byte[] TRANSFORMED = {42};

  /** Calls the library (its types are in the constant pool), but declares nothing of it. */
  static final class Caller {
    void send(Channel channel) throws IOException {
      channel.publish("", "q", new Properties(), new byte[0]);
    }
  }

  /** Nothing to do with the library at all. */
  static final class Unrelated {
    int twice(int n) {
      return 2 * n;
    }
  }

  /** Overrides the handler method: Envelope and Properties are in a declared descriptor. */
  static final class Handler extends Consumer {
    @Override
    public void handle(String tag, Envelope envelope, Properties properties, byte[] body) {}
  }

  // A stand-in for a logging library, whose module's classes need not wait for the start.

  /** The type a logging library's instrumented constructor takes. */
  static final class LogLevel {}

  /** Declares a method that names the logging library's type. */
  static final class LogEvent {
    LogEvent(String message, LogLevel level) {}
  }

  /** Names both libraries' types: the waiting module's decides. */
  static final class LoggingHandler extends Consumer {
    @Override
    public void handle(String tag, Envelope envelope, Properties properties, byte[] body) {}

    void log(LogLevel level) {}
  }

  /** The logging module's referencedTypes(). */
  private static final List<String> LATER_TYPES = List.of(internalName(LogLevel.class));

  /** Records which classes reached the real transformer, and marks them. */
  private static final class Recording implements ClassFileTransformer {
    final List<String> transformed = new CopyOnWriteArrayList<>();

    @Override
    public byte[] transform(ClassLoader l, String n, Class<?> c, ProtectionDomain d, byte[] b) {
      transformed.add(n);
      return TRANSFORMED;
    }
  }

  @Test
  void classesThatNeedNoInstrumentingPassWhileTheAgentIsStillStarting() {
    DeferredTransformer deferred = new DeferredTransformer(REFERENCED_TYPES);
    byte[] unrelated = classFile(Unrelated.class);
    byte[] caller = classFile(Caller.class);
    assertFalse(mentionsAReferencedType(unrelated), "the unrelated class names none of them");
    assertTrue(mentionsAReferencedType(caller), "the caller's class file names the library's types");

    // ready() has not been called and is not called below: a class that waited for the agent
    // would wait here until the transformer gave up (and, had it given up within HANG, the
    // candidate below would no longer wait, which fails too).
    assertNull(transformWithoutHanging(deferred, "a/Unrelated", unrelated));
    assertNull(transformWithoutHanging(deferred, "a/Caller", caller));
    assertNull(transformWithoutHanging(deferred, "a/NoClassFile", null));

    // And the agent is still starting, with a wait still possible: a candidate loaded now waits.
    assertTimeoutPreemptively(HANG, () -> {
      Loading candidate = Loading.start(deferred, "c/Handler", classFile(Handler.class));
      candidate.awaitParkedOnTheLatch();
      candidate.thread.interrupt(); // releases it untraced: this agent never becomes ready
      assertNull(candidate.result());
    }, "a candidate class did not wait, or was not released by an interrupt");
  }

  @Test
  void classesThatNeedNoInstrumentingNeverReachTheRealTransformer() {
    DeferredTransformer deferred = new DeferredTransformer(REFERENCED_TYPES);
    Recording real = new Recording();
    deferred.ready(real);
    assertNull(transformWithoutHanging(deferred, "a/Unrelated", classFile(Unrelated.class)));
    assertNull(transformWithoutHanging(deferred, "a/Caller", classFile(Caller.class)));
    assertEquals(List.of(), real.transformed);
    assertArrayEquals(
        TRANSFORMED, transformWithoutHanging(deferred, "c/Handler", classFile(Handler.class)));
    assertEquals(List.of("c/Handler"), real.transformed);
  }

  @Test
  void aCandidateLoadedDuringStartWaitsUntilReadyAndIsThenTransformed() {
    assertTimeoutPreemptively(HANG, () -> {
      DeferredTransformer deferred = new DeferredTransformer(REFERENCED_TYPES);
      Recording real = new Recording();
      Loading candidate = Loading.start(deferred, "c/Handler", classFile(Handler.class));
      // Fails at once if transform returned without waiting.
      candidate.awaitParkedOnTheLatch();
      assertEquals(List.of(), real.transformed);
      assertTrue(candidate.thread.isAlive(), "the candidate still waits for the agent");
      deferred.ready(real);
      assertArrayEquals(TRANSFORMED, candidate.result(), "transformed once the agent is ready");
      assertEquals(List.of("c/Handler"), real.transformed);
    }, "a candidate class was not released by ready()");
  }

  @Test
  void whenTracingDidNotStartWaitingCandidatesAreReleasedAndLoadUntouched() {
    assertTimeoutPreemptively(HANG, () -> {
      DeferredTransformer deferred = new DeferredTransformer(REFERENCED_TYPES);
      byte[] handler = classFile(Handler.class);
      Loading waiting = Loading.start(deferred, "c/Handler", handler);
      waiting.awaitParkedOnTheLatch();
      deferred.ready(null);
      assertNull(waiting.result());
      assertNull(deferred.transform(null, null, "c/Later", null, null, handler));
    }, "a candidate class was not released by ready(null)");
  }

  @Test
  void aClassOfAModuleThatNeedsNoClassesFromStartPassesAtOnceAndIsTransformedAfterTheStart() {
    DeferredTransformer deferred = new DeferredTransformer(REFERENCED_TYPES, LATER_TYPES);
    byte[] logEvent = classFile(LogEvent.class);

    // Never made ready before these: a class that waited would wait until HANG fails the test.
    assertNull(transformWithoutHanging(deferred, "l/LogEvent", logEvent), "passes untouched");
    assertNull(transformWithoutHanging(deferred, "a/Unrelated", classFile(Unrelated.class)));

    // A class of the waiting module still waits, even one that names the logging type too.
    assertTimeoutPreemptively(HANG, () -> {
      for (Class<?> waiting : List.of(Handler.class, LoggingHandler.class)) {
        Loading candidate = Loading.start(deferred, "c/" + waiting.getSimpleName(), classFile(waiting));
        candidate.awaitParkedOnTheLatch();
        candidate.thread.interrupt();
        assertNull(candidate.result());
      }
    }, "a candidate class of the waiting module did not wait");

    Recording real = new Recording();
    deferred.ready(real);
    // Only the class that passed is to be retransformed (by its binary name), and only once.
    assertEquals(Set.of("l.LogEvent"), deferred.takePassedBeforeStart());
    assertEquals(Set.of(), deferred.takePassedBeforeStart());
    assertEquals(List.of(), real.transformed);
    // Its retransformation, or a class of the module loaded after the start, goes to Byte Buddy.
    assertArrayEquals(TRANSFORMED, transformWithoutHanging(deferred, "l/LogEvent", logEvent));
    assertArrayEquals(
        TRANSFORMED, transformWithoutHanging(deferred, "c/Handler", classFile(Handler.class)));
    assertNull(transformWithoutHanging(deferred, "a/Unrelated", classFile(Unrelated.class)));
    assertEquals(List.of("l/LogEvent", "c/Handler"), real.transformed);
    assertEquals(Set.of(), deferred.takePassedBeforeStart(), "nothing is kept once ready");
  }

  @Test
  void theJdkClassesAModuleNamesNeverWaitAndAreTransformedAfterTheStart() throws Exception {
    DeferredTransformer deferred =
        new DeferredTransformer(REFERENCED_TYPES, Set.of("java.util.concurrent.FutureTask"));
    byte[] anyBytes = classFile(Unrelated.class);
    // Before the start: passes at once, its name kept for the retransformation after it.
    assertNull(assertTimeoutPreemptively(HANG,
        () -> deferred.transform(null, null, "java/util/concurrent/FutureTask", null, null, anyBytes)));
    Recording real = new Recording();
    deferred.ready(real);
    assertEquals(Set.of("java.util.concurrent.FutureTask"), deferred.takePassedBeforeStart());
    assertArrayEquals(TRANSFORMED,
        deferred.transform(null, null, "java/util/concurrent/FutureTask", null, null, anyBytes));
    assertNull(deferred.transform(null, null, "java/util/concurrent/Other", null, null, anyBytes));
    assertEquals(List.of("java/util/concurrent/FutureTask"), real.transformed);
  }

  @Test
  void whenOnlyModulesThatNeedNoClassesFromStartAreThereNothingWaits() {
    DeferredTransformer deferred = new DeferredTransformer(List.of(), LATER_TYPES);
    assertNull(transformWithoutHanging(deferred, "l/LogEvent", classFile(LogEvent.class)));
    assertNull(transformWithoutHanging(deferred, "c/Handler", classFile(Handler.class)));
    assertEquals(Set.of("l.LogEvent"), deferred.takePassedBeforeStart());
    deferred.ready(null); // tracing did not start: nothing to transform, now or later
    assertNull(transformWithoutHanging(deferred, "l/LogEvent", classFile(LogEvent.class)));
  }

  @Test
  void theStartingThreadItselfNeverWaitsForItself() {
    DeferredTransformer deferred = new DeferredTransformer(REFERENCED_TYPES);
    byte[] handler = classFile(Handler.class);
    AtomicReference<byte[]> loadedWhileStarting = new AtomicReference<>(TRANSFORMED);
    Recording real = new Recording();
    // The agent's own start loads a candidate before it calls ready(): were it to wait for the
    // agent, it would wait for itself, and ready() would never come.
    Thread starter = new Thread(() -> {
      try {
        loadedWhileStarting.set(deferred.transform(null, null, "c/Handler", null, null, handler));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      deferred.ready(real);
    }, "warren-start");
    starter.setDaemon(true);
    deferred.startingOn(starter);
    assertTimeoutPreemptively(HANG, () -> {
      starter.start();
      starter.join();
    }, "the starting thread waited for itself");
    assertNull(loadedWhileStarting.get(), "loaded untraced while the agent started");
    assertEquals(List.of(), real.transformed);
  }

  private static byte[] transformWithoutHanging(
      DeferredTransformer deferred, String name, byte[] classFile) {
    return assertTimeoutPreemptively(
        HANG,
        () -> deferred.transform(null, null, name, null, null, classFile),
        () -> name + " waited for the agent");
  }

  private static boolean mentionsAReferencedType(byte[] classFile) {
    String text = new String(classFile, StandardCharsets.ISO_8859_1);
    return REFERENCED_TYPES.stream().anyMatch(text::contains);
  }

  private static String internalName(Class<?> type) {
    return type.getName().replace('.', '/');
  }

  private static byte[] classFile(Class<?> type) {
    String resource = "/" + type.getName().replace('.', '/') + ".class";
    try (InputStream in = DeferredTransformerTest.class.getResourceAsStream(resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A class being loaded on a thread of its own. */
  private static final class Loading {
    final Thread thread;
    private final AtomicReference<byte[]> result = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch calling = new CountDownLatch(1);

    private Loading(DeferredTransformer deferred, String name, byte[] classFile) {
      thread = new Thread(() -> {
        calling.countDown();
        try {
          result.set(deferred.transform(null, null, name, null, null, classFile));
        } catch (Throwable t) {
          failure.set(t);
        }
      }, "loading " + name);
      thread.setDaemon(true);
    }

    static Loading start(DeferredTransformer deferred, String name, byte[] classFile) {
      Loading loading = new Loading(deferred, name, classFile);
      loading.thread.start();
      return loading;
    }

    /**
     * Returns once the loading thread is parked on a CountDownLatch (it awaits none of the
     * test's, so the transformer's); fails as soon as transform returned instead.
     */
    void awaitParkedOnTheLatch() {
      awaitUninterruptibly(calling);
      while (true) {
        Object blocker = LockSupport.getBlocker(thread);
        if (blocker != null && blocker.getClass().getEnclosingClass() == CountDownLatch.class) {
          return;
        }
        if (!thread.isAlive()) {
          fail("transform returned before the agent was ready: "
              + (result.get() == null ? "null" : "transformed") + ", failure " + failure.get());
        }
        Thread.onSpinWait();
      }
    }

    byte[] result() throws InterruptedException {
      thread.join();
      if (failure.get() != null) {
        throw new AssertionError("transform failed", failure.get());
      }
      return result.get();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
      try {
        latch.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
