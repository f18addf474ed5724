package io.warren.agent;

import io.warren.bootstrap.WarrenLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the real (Byte Buddy) transformer while the agent starts in the background, so
 * that premain returns at once and the application starts in parallel with the agent.
 *
 * <p>Only a class that declares a method whose signature names one of the instrumented
 * libraries' types can need transformation (a class that merely calls the library cannot). Such
 * a class waits, the first time, until the agent is ready; every other class passes untouched
 * and never waits. Once ready, the same filter spares Byte Buddy from looking at the
 * application's other classes.
 */
final class DeferredTransformer implements ClassFileTransformer {

  /** Far longer than a start ever takes; only a deadlock could make us wait this long. */
  private static final long MAX_WAIT_SECONDS = 30;

  private final byte[][] markers;
  private final CountDownLatch started = new CountDownLatch(1);
  private volatile ClassFileTransformer delegate;
  private volatile Thread startingThread;
  private volatile boolean waitTimedOut;

  DeferredTransformer(List<String> referencedTypes) {
    markers = new byte[referencedTypes.size()][];
    for (int i = 0; i < markers.length; i++) {
      markers[i] = referencedTypes.get(i).getBytes(StandardCharsets.UTF_8);
    }
  }

  void startingOn(Thread thread) {
    startingThread = thread;
  }

  /** Hands over to the real transformer; null when tracing did not start. */
  void ready(ClassFileTransformer transformer) {
    delegate = transformer;
    started.countDown();
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile)
      throws IllegalClassFormatException {
    if (classFile == null
        || !DeclaredMethods.containsAny(classFile, markers)
        || !DeclaredMethods.anyMentions(classFile, markers)
        || !awaitStart()) {
      return null;
    }
    ClassFileTransformer transformer = delegate;
    return transformer == null
        ? null
        : transformer.transform(
            module, loader, className, classBeingRedefined, protectionDomain, classFile);
  }

  private boolean awaitStart() {
    if (started.getCount() == 0) {
      return true;
    }
    if (Thread.currentThread() == startingThread || waitTimedOut) {
      return false;
    }
    try {
      if (started.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS)) {
        return true;
      }
      waitTimedOut = true;
      WarrenLog.warn("the agent did not start within " + MAX_WAIT_SECONDS + " s; classes load untraced");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }
}
