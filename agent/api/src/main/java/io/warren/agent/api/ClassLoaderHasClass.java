package io.warren.agent.api;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Matches class loaders that can see a given class, by looking for its class file. Asking for a
 * resource loads nothing, and the answer is cached per loader, so a class loader without the
 * library costs one lookup, whatever it loads.
 */
final class ClassLoaderHasClass extends ElementMatcher.Junction.AbstractBase<ClassLoader> {

  private final String resourceName;
  private final Map<ClassLoader, Boolean> answers =
      Collections.synchronizedMap(new WeakHashMap<ClassLoader, Boolean>());

  ClassLoaderHasClass(String className) {
    this.resourceName = className.replace('.', '/') + ".class";
  }

  @Override
  public boolean matches(ClassLoader loader) {
    if (loader == null) {
      return false; // the boot loader never holds instrumented libraries
    }
    Boolean known = answers.get(loader);
    if (known == null) {
      known = loader.getResource(resourceName) != null;
      answers.put(loader, known);
    }
    return known;
  }
}
