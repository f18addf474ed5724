package io.warren.instrumentation.opentelemetryapi;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;

/**
 * An application's class loader in a unit test: its own copy of the OpenTelemetry API (the jars
 * in the folder of the system property {@code application.api}) and its classes (the test's
 * {@code app} package), apart from the SDK's copy on the test class path, as the agent jar's
 * relocation keeps them apart. Everything else (the JDK, Warren's bridge) comes from the test's
 * loader; the module's helpers only from the agent defining them here.
 */
final class ApplicationLoader extends URLClassLoader {

  private static final String API = "io.opentelemetry.";
  private static final String APPLICATION = ApplicationLoader.class.getPackage().getName() + ".app.";
  private static final String HELPERS = ApplicationLoader.class.getPackage().getName() + ".application.";

  /** An application with the API alone. */
  ApplicationLoader() {
    this(false);
  }

  /** With {@code ownSdk}, the application also has the trace SDK of its API's version. */
  ApplicationLoader(boolean ownSdk) {
    super(urls(ownSdk), ApplicationLoader.class.getClassLoader());
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        if (name.startsWith(API) || name.startsWith(APPLICATION)) {
          loaded = findClass(name);
        } else if (name.startsWith(HELPERS)) {
          throw new ClassNotFoundException(name + ": not defined here by the agent");
        } else {
          return super.loadClass(name, resolve);
        }
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  @Override
  public URL getResource(String name) {
    String asClass = name.replace('/', '.');
    if (asClass.startsWith(API) || asClass.startsWith(APPLICATION)) {
      return findResource(name);
    }
    return super.getResource(name);
  }

  /** The API's service files too: the SDK's test providers on the class path are not its. */
  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    if (name.startsWith("META-INF/services/" + API)) {
      return findResources(name);
    }
    return super.getResources(name);
  }

  private static URL[] urls(boolean ownSdk) {
    List<URL> urls = new ArrayList<URL>();
    try {
      addJars(urls, "application.api");
      if (ownSdk) {
        addJars(urls, "application.sdk");
      }
      urls.add(new File(System.getProperty("user.dir"), "target/test-classes").toURI().toURL());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return urls.toArray(new URL[0]);
  }

  /** The jars in the folder of the system property {@code folder}. */
  private static void addJars(List<URL> urls, String folder) throws IOException {
    try (Stream<Path> jars = Files.list(Paths.get(System.getProperty(folder)))) {
      for (Path jar : (Iterable<Path>) jars::iterator) {
        urls.add(jar.toUri().toURL());
      }
    }
  }

  /**
   * Calls the public static {@code method} of {@code application} as its own thread would: its
   * loader the context class loader.
   */
  static Object call(Class<?> application, String method, Object... arguments) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(application.getClassLoader());
    try {
      for (java.lang.reflect.Method candidate : application.getMethods()) {
        if (candidate.getName().equals(method)) {
          return candidate.invoke(null, arguments);
        }
      }
      throw new NoSuchMethodException(method);
    } finally {
      thread.setContextClassLoader(before);
    }
  }
}
