package io.warren.smoketest.apps;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs another sample app in a class loader of its own, as Spring Boot's launcher and
 * application servers do: the JVM's class path holds only this launcher, so amqp-client is
 * visible to the app's loader and to neither the system loader nor the agent.
 *
 * <pre>
 *   -Dlauncher.classpath=&lt;the app's class path&gt; ChildLoaderLauncher &lt;main class&gt; [args...]
 * </pre>
 */
public final class ChildLoaderLauncher {

  private ChildLoaderLauncher() {}

  public static void main(String[] args) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("launcher.classpath").split(File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      Thread.currentThread().setContextClassLoader(loader);
      System.out.println("RABBIT-ON-SYSTEM-PATH "
          + (ClassLoader.getSystemClassLoader().getResource("com/rabbitmq/client/Channel.class") != null));
      Method main = loader.loadClass(args[0]).getMethod("main", String[].class);
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
  }
}
