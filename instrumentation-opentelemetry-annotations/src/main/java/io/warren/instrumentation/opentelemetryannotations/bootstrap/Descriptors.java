package io.warren.instrumentation.opentelemetryannotations.bootstrap;

import java.lang.reflect.Method;

/** A method's descriptor as a class file writes it, e.g. {@code (Ljava/lang/String;I)V}. */
final class Descriptors {

  private Descriptors() {}

  static String of(Method method) {
    StringBuilder descriptor = new StringBuilder("(");
    for (Class<?> parameter : method.getParameterTypes()) {
      append(descriptor, parameter);
    }
    descriptor.append(')');
    append(descriptor, method.getReturnType());
    return descriptor.toString();
  }

  private static void append(StringBuilder descriptor, Class<?> type) {
    while (type.isArray()) {
      descriptor.append('[');
      type = type.getComponentType();
    }
    if (!type.isPrimitive()) {
      descriptor.append('L').append(type.getName().replace('.', '/')).append(';');
    } else if (type == int.class) {
      descriptor.append('I');
    } else if (type == long.class) {
      descriptor.append('J');
    } else if (type == boolean.class) {
      descriptor.append('Z');
    } else if (type == void.class) {
      descriptor.append('V');
    } else if (type == double.class) {
      descriptor.append('D');
    } else if (type == float.class) {
      descriptor.append('F');
    } else if (type == byte.class) {
      descriptor.append('B');
    } else if (type == char.class) {
      descriptor.append('C');
    } else {
      descriptor.append('S');
    }
  }
}
