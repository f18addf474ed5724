package io.warren.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;

/**
 * Puts the bridge classes (io.warren.bootstrap) on the boot class path. Advice inlined into a
 * library class calls them, and every class loader delegates to the boot loader, so they are
 * found whichever loader loaded the library.
 */
final class BootstrapJar {

  private static final String RESOURCE = "/inst/warren-bootstrap.jar";

  private BootstrapJar() {}

  static void appendTo(Instrumentation instrumentation) throws IOException {
    InputStream in = BootstrapJar.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException(RESOURCE + " is missing from the agent jar");
    }
    File file;
    try {
      file = File.createTempFile("warren-bootstrap-", ".jar");
      file.deleteOnExit();
      Files.copy(in, file.toPath(), StandardCopyOption.REPLACE_EXISTING);
    } finally {
      in.close();
    }
    instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(file));
  }
}
