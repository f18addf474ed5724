package io.warren.instrumentation.opentelemetryannotations.bootstrap;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;

/**
 * The span of one {@code @WithSpan} method, as its annotations describe it: the annotation's
 * {@code value} as name, else {@code Class.method} (the class's name without its package); its
 * {@code kind}; whether it continues the caller's trace ({@code inheritContext}, 2.x); and per
 * parameter, the attribute a {@code @SpanAttribute} makes of it.
 */
final class TracedMethod {

  private static final String WITH_SPAN = "io.opentelemetry.instrumentation.annotations.WithSpan";
  private static final String SPAN_ATTRIBUTE =
      "io.opentelemetry.instrumentation.annotations.SpanAttribute";

  private final String spanName;
  private final SpanStart.Kind kind;
  private final boolean inheritsContext;
  /** By parameter: its attribute's key, or null; null when no parameter has one. */
  private final SpanAttribute[] attributes;

  TracedMethod(String spanName, SpanStart.Kind kind, boolean inheritsContext, SpanAttribute[] attributes) {
    this.spanName = spanName;
    this.kind = kind;
    this.inheritsContext = inheritsContext;
    this.attributes = attributes;
  }

  /** The span of {@code method}; null when it is not annotated {@code @WithSpan}. */
  static TracedMethod of(Method method) {
    Annotation withSpan = find(method.getDeclaredAnnotations(), WITH_SPAN);
    if (withSpan == null) {
      return null;
    }
    Object value = element(withSpan, "value");
    String name = value instanceof String && !((String) value).isEmpty()
        ? (String) value
        : simpleName(method.getDeclaringClass()) + "." + method.getName();
    Object inherit = element(withSpan, "inheritContext");
    return new TracedMethod(
        name, kindOf(element(withSpan, "kind")), !Boolean.FALSE.equals(inherit), attributesOf(method));
  }

  String spanName() {
    return spanName;
  }

  SpanStart.Kind kind() {
    return kind;
  }

  boolean inheritsContext() {
    return inheritsContext;
  }

  /** The attributes of the call's arguments (null: none are attributes); a null value is left out. */
  void describeArguments(SpanStart span, Object[] arguments) {
    if (attributes == null || arguments == null) {
      return;
    }
    for (int i = 0; i < attributes.length && i < arguments.length; i++) {
      if (attributes[i] != null && arguments[i] != null) {
        try {
          AttributeValues.set(span, attributes[i], arguments[i]);
        } catch (Throwable t) {
          // The argument's own toString() failed: that attribute is left out, the span stays.
        }
      }
    }
  }

  /**
   * Per parameter, the key of its {@code @SpanAttribute}: the annotation's value, else the
   * parameter's name when the class was compiled with {@code -parameters}, else none.
   */
  private static SpanAttribute[] attributesOf(Method method) {
    Annotation[][] annotations = method.getParameterAnnotations();
    Parameter[] parameters = method.getParameters();
    SpanAttribute[] keys = null;
    for (int i = 0; i < annotations.length && i < parameters.length; i++) {
      Annotation spanAttribute = find(annotations[i], SPAN_ATTRIBUTE);
      if (spanAttribute == null) {
        continue;
      }
      Object value = element(spanAttribute, "value");
      String name = value instanceof String && !((String) value).isEmpty()
          ? (String) value
          : parameters[i].isNamePresent() ? parameters[i].getName() : null;
      if (name != null) {
        if (keys == null) {
          keys = new SpanAttribute[parameters.length];
        }
        keys[i] = AttributeValues.keyFor(name, parameters[i].getType());
      }
    }
    return keys;
  }

  private static Annotation find(Annotation[] annotations, String typeName) {
    for (Annotation annotation : annotations) {
      if (annotation.annotationType().getName().equals(typeName)) {
        return annotation;
      }
    }
    return null;
  }

  /** An element of the annotation; null when its version has no such element. */
  private static Object element(Annotation annotation, String name) {
    try {
      return annotation.annotationType().getMethod(name).invoke(annotation);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  /** The application's {@code SpanKind} constant, by its name; INTERNAL by default. */
  private static SpanStart.Kind kindOf(Object kind) {
    if (kind instanceof Enum) {
      String name = ((Enum<?>) kind).name();
      for (SpanStart.Kind known : SpanStart.Kind.values()) {
        if (known.name().equals(name)) {
          return known;
        }
      }
    }
    return SpanStart.Kind.INTERNAL;
  }

  /** The binary name without its package ({@code Outer$Inner} for a nested class). */
  private static String simpleName(Class<?> type) {
    String name = type.getName();
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
