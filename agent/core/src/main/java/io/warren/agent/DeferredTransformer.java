package io.warren.agent;

import io.warren.agent.api.JdkLoaders;
import io.warren.bootstrap.WarrenLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the real (Byte Buddy) transformer while the agent starts in the background, so
 * that premain returns at once and the application starts in parallel with the agent.
 *
 * <p>Only a class that declares a method whose signature names one of the instrumented
 * libraries' types, or that is annotated with one, can need transformation (a class that merely
 * calls the library cannot). Such
 * a class waits, the first time, until the agent is ready; every other class passes untouched
 * and never waits. Once ready, the same filter spares Byte Buddy from looking at the
 * application's other classes.
 *
 * <p>A class that names only types of modules whose classes need not wait for the start ({@link
 * io.warren.agent.api.InstrumentationModule#needsClassesFromStart()} false, such as the logging
 * ones) also passes untouched while the agent starts; its name is kept, so that the agent can
 * retransform it once ready.
 */
final class DeferredTransformer implements ClassFileTransformer {

  /** Far longer than a start ever takes; only a deadlock could make us wait this long. */
  private static final long MAX_WAIT_SECONDS = 30;

  /** The types of every module: once ready, the filter in front of the real transformer. */
  private final TypeNameSearch types;
  /** The types of the modules whose classes wait for the start. */
  private final TypeNameSearch waitingTypes;
  /** The types of the modules whose classes are retransformed after the start instead. */
  private final TypeNameSearch laterTypes;
  private final CountDownLatch started = new CountDownLatch(1);
  private final Object lock = new Object();
  /** Guarded by lock: binary names of the classes let through before the start. */
  private Set<String> passedBeforeStart = new HashSet<String>();
  /** Guarded by lock; set before {@link #started} counts down. */
  private boolean ready;
  private volatile ClassFileTransformer delegate;
  private volatile Thread startingThread;
  private volatile boolean waitTimedOut;

  /** Internal names of the JDK classes modules instrument: the only boot loader classes let through. */
  private final Set<String> bootClasses;

  /** Every type's classes wait for the start. */
  DeferredTransformer(List<String> referencedTypes) {
    this(referencedTypes, Collections.<String>emptySet());
  }

  /** Every type's classes wait for the start; the JDK classes named never do. */
  DeferredTransformer(List<String> referencedTypes, Set<String> bootClasses) {
    this(referencedTypes, Collections.<String>emptyList(), bootClasses);
  }

  DeferredTransformer(List<String> waitingTypes, List<String> laterTypes) {
    this(waitingTypes, laterTypes, Collections.<String>emptySet());
  }

  /**
   * @param waitingTypes the referenced types of the modules whose classes wait for the start
   * @param laterTypes those of the modules whose classes are instrumented after the start
   * @param bootClasses binary names of the JDK classes modules instrument: they never wait;
   *     those that load during the start are retransformed after it, like the later types'
   */
  DeferredTransformer(List<String> waitingTypes, List<String> laterTypes, Set<String> bootClasses) {
    this.bootClasses = new HashSet<String>();
    for (String name : bootClasses) {
      this.bootClasses.add(name.replace('.', '/'));
    }
    this.waitingTypes = new TypeNameSearch(waitingTypes);
    this.laterTypes = new TypeNameSearch(laterTypes);
    List<String> all = new ArrayList<String>(waitingTypes);
    all.addAll(laterTypes);
    this.types = new TypeNameSearch(all);
  }

  void startingOn(Thread thread) {
    startingThread = thread;
  }

  /** Hands over to the real transformer; null when tracing did not start. */
  void ready(ClassFileTransformer transformer) {
    synchronized (lock) {
      delegate = transformer;
      ready = true;
    }
    started.countDown();
  }

  /**
   * The binary names of the classes of the modules that do not wait which were let through
   * untransformed before {@link #ready}; call after it. Each name is handed out once.
   */
  Set<String> takePassedBeforeStart() {
    synchronized (lock) {
      Set<String> passed = passedBeforeStart;
      passedBeforeStart = new HashSet<String>();
      return passed;
    }
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
    if (JdkLoaders.contains(loader) && className != null && bootClasses.contains(className)) {
      // A JDK class a module names, by its name: it never waits.
      if (classFile == null || started.getCount() != 0 && passedBeforeStart(className)) {
        return null;
      }
      return delegate(module, loader, className, classBeingRedefined, protectionDomain, classFile);
    }
    if (classFile == null || types.isEmpty() || !types.foundIn(classFile)) {
      return null; // nearly every class: one pass over its bytes
    }
    if (started.getCount() == 0) {
      if (!DeclaredMethods.anyMentions(classFile, types)) {
        return null;
      }
    } else if (!mentionsAny(classFile, waitingTypes)) {
      if (!mentionsAny(classFile, laterTypes) || passedBeforeStart(className)) {
        return null;
      }
      // the agent became ready meanwhile: transform it now
    } else if (!awaitStart()) {
      return null;
    }
    return delegate(module, loader, className, classBeingRedefined, protectionDomain, classFile);
  }

  private byte[] delegate(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile)
      throws IllegalClassFormatException {
    ClassFileTransformer transformer = delegate;
    return transformer == null
        ? null
        : transformer.transform(
            module, loader, className, classBeingRedefined, protectionDomain, classFile);
  }

  private static boolean mentionsAny(byte[] classFile, TypeNameSearch types) {
    return !types.isEmpty() && types.foundIn(classFile) && DeclaredMethods.anyMentions(classFile, types);
  }

  /** Keeps the class's name for the retransformation after the start, unless ready already. */
  private boolean passedBeforeStart(String className) {
    synchronized (lock) {
      if (ready) {
        return false;
      }
      if (className != null) {
        passedBeforeStart.add(className.replace('/', '.'));
      }
      return true;
    }
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
