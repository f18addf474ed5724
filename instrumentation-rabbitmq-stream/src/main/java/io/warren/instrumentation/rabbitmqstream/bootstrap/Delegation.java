package io.warren.instrumentation.rabbitmqstream.bootstrap;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * What the stand-ins of this module have in common: a {@link Proxy} of one of the client's
 * interfaces, defined in the interface's own class loader (the boot loader cannot implement the
 * application's interfaces), that passes every call on to the object it stands for, except those
 * its subclass takes. The client's types are only ever named by the advice that hands them in.
 */
abstract class Delegation implements InvocationHandler {

  final Object delegate;

  Delegation(Object delegate) {
    this.delegate = delegate;
  }

  /** A proxy of {@code type} handled by {@code handler}. */
  static Object proxy(Class<?> type, Delegation handler) {
    return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
  }

  /** The handler of {@code object} when it is a stand-in of {@code kind}, else null. */
  static <T extends Delegation> T handlerOf(Object object, Class<T> kind) {
    if (object != null && Proxy.isProxyClass(object.getClass())) {
      InvocationHandler handler = Proxy.getInvocationHandler(object);
      if (kind.isInstance(handler)) {
        return kind.cast(handler);
      }
    }
    return null;
  }

  /** Calls {@code method} on the delegate, throwing what it throws, as if called directly. */
  final Object passOn(Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** The Object methods: a stand-in is equal to itself and to nothing else, like a lambda. */
  static Object objectMethod(Object proxy, Method method, Object[] args, Object delegate) {
    String name = method.getName();
    if ("equals".equals(name)) {
      return proxy == args[0];
    } else if ("hashCode".equals(name)) {
      return System.identityHashCode(proxy);
    }
    return String.valueOf(delegate); // toString
  }

  static boolean isObjectMethod(Method method) {
    return method.getDeclaringClass() == Object.class;
  }
}
