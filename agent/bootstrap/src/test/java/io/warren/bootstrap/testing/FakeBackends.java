package io.warren.bootstrap.testing;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.TraceIds;
import io.warren.bootstrap.TracingBackend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Checks that a fake tracing core is what it claims to be for every method of {@link
 * TracingBackend}, the ones added later included: a default method a fake does not declare
 * would stay a silent no-op, and a test using the fake would exercise less than it says.
 */
public final class FakeBackends {
  private FakeBackends() {}

  /** Fails naming each method of {@link TracingBackend} that {@code fake} does not declare itself. */
  public static void assertDeclaresEveryMethod(Class<? extends TracingBackend> fake) {
    List<String> missing = new ArrayList<>();
    for (Method method : backendMethods()) {
      try {
        fake.getDeclaredMethod(method.getName(), method.getParameterTypes());
      } catch (NoSuchMethodException e) {
        missing.add(method.getName());
      }
    }
    if (!missing.isEmpty()) {
      throw new AssertionError(fake.getName() + " does not declare " + missing
          + ": they would be TracingBackend's silent defaults");
    }
  }

  /** Calls every method of {@link TracingBackend}; fails naming each that did not throw. */
  public static void assertThrowsAtEveryCall(TracingBackend fake) {
    List<String> silent = new ArrayList<>();
    for (Method method : backendMethods()) {
      Object[] arguments = new Object[method.getParameterCount()];
      SpanStart description = null;
      for (int i = 0; i < arguments.length; i++) {
        Class<?> type = method.getParameterTypes()[i];
        if (type == SpanStart.class) {
          description = SpanStart.begin("test", SpanStart.Kind.PRODUCER, "publish").injectInto(new HashMap<>());
          arguments[i] = description;
        } else if (type == java.util.Map.class) {
          arguments[i] = new HashMap<String, Object>();
        } else if (type == long.class) {
          arguments[i] = 0L;
        } else if (type == String.class) {
          arguments[i] = "argument";
        } else if (type == Throwable.class) {
          arguments[i] = new RuntimeException("recorded");
        } else if (type == SpanAttribute.class) {
          arguments[i] = SpanAttribute.string("test.attribute");
        } else if (type == TraceIds.class) {
          arguments[i] = new TraceIds("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "01");
        } else {
          arguments[i] = "handle";
        }
      }
      try {
        method.invoke(fake, arguments);
        silent.add(method.getName());
      } catch (InvocationTargetException expected) {
        // it failed, as it claims to
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      } finally {
        if (description != null) {
          description.clear();
        }
      }
    }
    if (!silent.isEmpty()) {
      throw new AssertionError(fake.getClass().getName() + " did not fail in " + silent);
    }
  }

  /** The methods of {@link TracingBackend} a fake must declare: all but static ones. */
  public static List<Method> backendMethods() {
    List<Method> methods = new ArrayList<>();
    for (Method method : TracingBackend.class.getMethods()) {
      if (!Modifier.isStatic(method.getModifiers())) {
        methods.add(method);
      }
    }
    return methods;
  }
}
