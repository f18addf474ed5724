package io.warren.agent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;

/**
 * Puts the bridge classes (io.warren.bootstrap) into the boot loader. Advice inlined into a
 * library class calls them, and every class loader delegates to the boot loader, so they are
 * found whichever loader loaded the library.
 *
 * <p>They are defined there directly. Appending a jar to the boot class path would also work,
 * but it makes the JVM print a warning and give up class-data sharing for every class not
 * loaded by the boot loader, which slows the application's start; that remains the fallback.
 */
final class BootstrapJar {

  private static final String RESOURCE = "/inst/warren-bootstrap.jar";

  private BootstrapJar() {}

  /**
   * Defines the bridge now; returns the modules' bootstrap packages, defined when first needed
   * ({@link BootClassGroups}).
   */
  static BootClassGroups install(Instrumentation instrumentation) throws IOException {
    byte[] jar = read(BootstrapJar.class.getResourceAsStream(RESOURCE));
    try {
      Map<String, byte[]> bridge = classesOf(jar);
      BootClassGroups.Definer definer = bootLoaderDefiner(instrumentation);
      BootClassGroups modules = BootClassGroups.takenFrom(bridge, definer);
      definer.define(bridge);
      return modules;
    } catch (Throwable t) {
      // The fallback works everywhere; say why it was needed, since it costs class-data sharing.
      System.err.println("[warren] WARN could not define the bridge in the boot loader (" + t
          + "); appending it to the boot class path instead");
      appendToBootClassPath(instrumentation, jar);
      return BootClassGroups.none();
    }
  }

  /**
   * {@link BootDefiner}, loaded by a loader of its own that alone may use the JDK-internal
   * package it needs. The loader stays open: modules' packages are defined later, as needed.
   */
  private static BootClassGroups.Definer bootLoaderDefiner(Instrumentation instrumentation)
      throws Exception {
    URL agentJar = BootstrapJar.class.getProtectionDomain().getCodeSource().getLocation();
    @SuppressWarnings("resource")
    URLClassLoader isolated = new URLClassLoader(new URL[] {agentJar}, null);
    Class<?> definer = isolated.loadClass(BootDefiner.class.getName());
    instrumentation.redefineModule(
        Object.class.getModule(),
        Collections.emptySet(),
        Collections.singletonMap("jdk.internal.misc", Collections.singleton(definer.getModule())),
        Collections.emptyMap(),
        Collections.emptySet(),
        Collections.emptyMap());
    Method define = definer.getMethod("define", Map.class);
    return classes -> define.invoke(null, classes);
  }

  private static void appendToBootClassPath(Instrumentation instrumentation, byte[] jar)
      throws IOException {
    File file = File.createTempFile("warren-bootstrap-", ".jar");
    file.deleteOnExit();
    Files.write(file.toPath(), jar);
    instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(file));
  }

  /** The bridge's classes by binary name, as the agent jar holds them. */
  static Map<String, byte[]> bridgeClasses() throws IOException {
    return classesOf(read(BootstrapJar.class.getResourceAsStream(RESOURCE)));
  }

  /** Sorted by name, so a class comes before its nested classes (which may implement it). */
  private static Map<String, byte[]> classesOf(byte[] jar) throws IOException {
    Map<String, byte[]> classes = new TreeMap<String, byte[]>();
    try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        String name = entry.getName();
        if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
          String binaryName = name.substring(0, name.length() - ".class".length()).replace('/', '.');
          classes.put(binaryName, readAll(in));
        }
      }
    }
    return classes;
  }

  private static byte[] read(InputStream in) throws IOException {
    if (in == null) {
      throw new IllegalStateException(RESOURCE + " is missing from the agent jar");
    }
    try (InputStream stream = in) {
      return readAll(stream);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) > 0; ) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
