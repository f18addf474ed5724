package io.warren.agent;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Defines classes directly in the boot loader. Loaded by a class loader of its own, so that the
 * one JDK-internal package it needs is opened to this class alone, never to the application.
 * Uses JDK types only.
 */
public final class BootDefiner {

  private BootDefiner() {}

  /**
   * Defines every class. A class whose supertype is not defined yet (a nested class that
   * implements an interface nested in another class, further down the list) fails with
   * NoClassDefFoundError and is tried again after the others, until none is left or a round
   * defines nothing.
   *
   * @param classes binary class names to class files
   */
  public static void define(Map<String, byte[]> classes) throws Exception {
    Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
    Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
    Method define =
        unsafeType.getMethod(
            "defineClass",
            String.class,
            byte[].class,
            int.class,
            int.class,
            ClassLoader.class,
            ProtectionDomain.class);
    Map<String, byte[]> pending = new LinkedHashMap<String, byte[]>(classes);
    while (!pending.isEmpty()) {
      int before = pending.size();
      InvocationTargetException missingSupertype = null;
      for (Iterator<Map.Entry<String, byte[]>> it = pending.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, byte[]> type = it.next();
        byte[] classFile = type.getValue();
        try {
          define.invoke(unsafe, type.getKey(), classFile, 0, classFile.length, null, null);
          it.remove();
        } catch (InvocationTargetException e) {
          if (!(e.getCause() instanceof NoClassDefFoundError)) {
            throw e;
          }
          missingSupertype = e;
        }
      }
      if (pending.size() == before) {
        throw missingSupertype;
      }
    }
  }
}
