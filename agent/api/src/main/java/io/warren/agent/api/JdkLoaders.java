package io.warren.agent.api;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The class loaders of the JDK's own classes: the boot loader ({@code java.base}, ...) and the
 * platform loader ({@code java.net.http}, {@code jdk.httpserver}, ...). Modules name the JDK
 * classes they instrument ({@link InstrumentationModule#bootClasses()}); no other class of these
 * loaders is ever looked at.
 */
public final class JdkLoaders {

  private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

  private JdkLoaders() {}

  public static boolean contains(ClassLoader loader) {
    return loader == null || loader == PLATFORM;
  }

  /** The named modules of the boot layer that hold these classes, found by package: none loads. */
  static Set<Module> modulesOf(Set<String> classNames) {
    Set<Module> modules = new LinkedHashSet<Module>();
    for (String className : classNames) {
      int dot = className.lastIndexOf('.');
      String packageName = dot < 0 ? "" : className.substring(0, dot);
      for (Module module : ModuleLayer.boot().modules()) {
        if (module.getPackages().contains(packageName)) {
          modules.add(module);
        }
      }
    }
    return modules;
  }
}
