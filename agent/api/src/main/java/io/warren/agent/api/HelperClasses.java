package io.warren.agent.api;

import io.warren.bootstrap.WarrenLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.loading.ClassInjector;

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
      injector(loader).injectRaw(classes);
      WarrenLog.debug("the " + module + " helpers defined in " + ModuleAdvice.describe(loader));
      return true;
    } catch (Throwable t) {
      WarrenLog.warn("the " + module + " helper classes cannot be defined in "
          + ModuleAdvice.describe(loader) + "; its classes run untraced by it: " + t);
      return false;
    }
  }

  private static ClassInjector injector(ClassLoader loader) {
    if (ClassInjector.UsingReflection.isAvailable()) {
      return new ClassInjector.UsingReflection(loader);
    }
    return new ClassInjector.UsingUnsafe(loader);
  }
}
