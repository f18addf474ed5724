package io.warren.instrumentation.opentelemetryannotations.bootstrap;

import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What each {@code @WithSpan} method's span is, read from its annotations once (by reflection,
 * by the annotations' names: the application's copy is the only one) and kept with its class.
 */
final class TracedMethods {

  /** Stands for a method that gets no span (not found, or its annotations unreadable). */
  private static final TracedMethod UNTRACED = new TracedMethod(null, null, true, null);

  /** Per class, by method name and descriptor. Holds no reference to the class itself. */
  private static final ClassValue<ConcurrentMap<String, TracedMethod>> BY_CLASS =
      new ClassValue<ConcurrentMap<String, TracedMethod>>() {
        @Override
        protected ConcurrentMap<String, TracedMethod> computeValue(Class<?> type) {
          return new ConcurrentHashMap<String, TracedMethod>();
        }
      };

  private TracedMethods() {}

  /** The span of that method of {@code type}; null when it gets none. */
  static TracedMethod of(Class<?> type, String nameAndDescriptor) {
    ConcurrentMap<String, TracedMethod> methods = BY_CLASS.get(type);
    TracedMethod method = methods.get(nameAndDescriptor);
    if (method == null) {
      method = read(type, nameAndDescriptor);
      methods.putIfAbsent(nameAndDescriptor, method);
    }
    return method == UNTRACED ? null : method;
  }

  private static TracedMethod read(Class<?> type, String nameAndDescriptor) {
    try {
      for (Method method : type.getDeclaredMethods()) {
        if (nameAndDescriptor.equals(method.getName() + Descriptors.of(method))) {
          TracedMethod traced = TracedMethod.of(method);
          return traced == null ? UNTRACED : traced;
        }
      }
    } catch (Throwable unreadable) {
      // A type of its signature or of an annotation the class's loader cannot find: untraced.
    }
    return UNTRACED;
  }
}
