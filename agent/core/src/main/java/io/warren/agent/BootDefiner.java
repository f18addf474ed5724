package io.warren.agent;

import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Map;

/**
 * Defines classes directly in the boot loader. Loaded by a class loader of its own, so that the
 * one JDK-internal package it needs is opened to this class alone, never to the application.
 * Uses JDK types only.
 */
public final class BootDefiner {

  private BootDefiner() {}

  /** @param classes binary class names to class files, supertypes before their subtypes */
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
    for (Map.Entry<String, byte[]> type : classes.entrySet()) {
      byte[] classFile = type.getValue();
      define.invoke(unsafe, type.getKey(), classFile, 0, classFile.length, null, null);
    }
  }
}
