package io.warren.agent.api;

import io.warren.bootstrap.WarrenLog;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * A module's helper classes ({@link InstrumentationModule#helperClassNames()}), defined in the
 * class loader of a class the module instruments, once per loader, before that class is.
 *
 * <p>Helpers implement the library's own interfaces, which neither the boot loader nor the
 * agent's loader can see, so they must live beside the library. The agent jar relocates the
 * libraries it carries itself ({@link Relocation}); a helper written against such a library
 * (the agent's copy and the application's have the same names before relocation) names the
 * relocated copy in the jar, so the relocation is undone as it is defined: it names the
 * application's copy, as it did when compiled.
 */
final class HelperClasses {

  private final String module;
  private final List<String> names;
  private final ClassLoader moduleLoader;
  private final Map<ClassLoader, Boolean> definedIn = new WeakHashMap<ClassLoader, Boolean>();

  HelperClasses(String module, List<String> names, ClassLoader moduleLoader) {
    this.module = module;
    this.names = names;
    this.moduleLoader = moduleLoader;
  }

  /**
   * Defines the helpers in {@code loader} unless they were already; false when they cannot be
   * (said once per loader), and then the module must leave that loader's classes alone.
   */
  boolean defineIn(ClassLoader loader) {
    // Most modules have none: their classes never take the lock.
    return names.isEmpty() || definedOnceIn(loader);
  }

  private synchronized boolean definedOnceIn(ClassLoader loader) {
    Boolean defined = definedIn.get(loader);
    if (defined == null) {
      // Marked first: defining a helper loads the library's interfaces, and should one of them
      // be a class the module instruments, its transformation must not define the helpers again.
      definedIn.put(loader, Boolean.TRUE);
      defined = define(loader);
      definedIn.put(loader, defined);
    }
    return defined;
  }

  private boolean define(ClassLoader loader) {
    try {
      Map<String, byte[]> classes = new LinkedHashMap<String, byte[]>();
      ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(moduleLoader);
      for (String name : names) {
        classes.put(name, Relocation.undoneIn(locator.locate(name).resolve()));
      }
      inject(loader, classes);
      WarrenLog.debug("the " + module + " helpers defined in " + ModuleAdvice.describe(loader));
      return true;
    } catch (Throwable t) {
      WarrenLog.warn("the " + module + " helper classes cannot be defined in "
          + ModuleAdvice.describe(loader) + "; its classes run untraced by it: " + t);
      return false;
    }
  }

  /**
   * Lets this class define classes in any loader: {@code java.lang} opened to it, for {@code
   * ClassLoader.defineClass}. Called once, before any module's helpers are defined; false (and
   * modules with helpers leave every loader alone) when the JVM refuses.
   */
  static synchronized boolean allowDefining(Instrumentation instrumentation) {
    if (defineClass == null) {
      try {
        Module base = Object.class.getModule();
        Module self = HelperClasses.class.getModule();
        if (!base.isOpen("java.lang", self)) {
          instrumentation.redefineModule(base, Collections.<Module>emptySet(),
              Collections.<String, Set<Module>>emptyMap(),
              Collections.singletonMap("java.lang", Collections.singleton(self)),
              Collections.<Class<?>>emptySet(), Collections.<Class<?>, List<Class<?>>>emptyMap());
        }
        Method define = ClassLoader.class.getDeclaredMethod(
            "defineClass", String.class, byte[].class, int.class, int.class, ProtectionDomain.class);
        define.setAccessible(true);
        defineClass = define;
      } catch (Throwable t) {
        WarrenLog.warn("helper classes cannot be defined in the application's class loaders;"
            + " instrumentation that needs them is off: " + t);
        return false;
      }
    }
    return true;
  }

  private static volatile Method defineClass;

  /** Defines each class not yet loaded there, in order (a supertype before its subtypes). */
  private static void inject(ClassLoader loader, Map<String, byte[]> classes) throws Exception {
    Method define = defineClass;
    if (define == null) {
      throw new IllegalStateException("defining classes was not allowed (allowDefining)");
    }
    for (Map.Entry<String, byte[]> type : classes.entrySet()) {
      byte[] classFile = type.getValue();
      try {
        define.invoke(loader, type.getKey(), classFile, 0, classFile.length, null);
      } catch (InvocationTargetException e) {
        // Already there (defined by another thread, or on its class path): that copy serves.
        if (!(e.getCause() instanceof LinkageError) || !isLoaded(loader, type.getKey())) {
          throw e;
        }
      }
    }
  }

  private static boolean isLoaded(ClassLoader loader, String name) {
    try {
      return Class.forName(name, false, loader) != null;
    } catch (Throwable t) {
      return false;
    }
  }
}
