package io.warren.agent;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.ModuleInstaller;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.instrument.ClassFileTransformer;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Runs the packaged agent's class-file filter over a library's classes, beside the module's own
 * transformer. In-process tests install a module's transformer directly ({@link
 * ModuleInstaller}), without the filter the agent puts in front of it ({@link
 * DeferredTransformer}: a class file is examined only when it names one of the module's {@code
 * referencedTypes()} in a declared method's signature or annotation, or is one of its JDK classes); a class
 * the module transforms but the filter stops passes those tests and goes untraced in the real
 * agent. The filter here is the agent's own, not a copy.
 */
public final class ClassFileFilterCheck {
  private ClassFileFilterCheck() {}

  /**
   * @param transformed binary names of the classes the module's transformer puts advice into
   * @param missed those of them the agent's filter does not let through: should be none
   * @param examined how many class files were looked at
   */
  public record Result(List<String> transformed, List<String> missed, int examined) {

    /**
     * Fails unless the module instruments each of {@code expected} (the check looked at the
     * right classes) and the filter lets every class it instruments through.
     */
    public void assertInstrumentsAndLetsThrough(String... expected) {
      List<String> absent = new ArrayList<>(List.of(expected));
      absent.removeAll(transformed);
      if (!absent.isEmpty()) {
        throw new AssertionError("the module does not instrument " + absent + ": " + this);
      }
      if (!missed.isEmpty()) {
        throw new AssertionError("instrumented by the module, but stopped by the agent's filter "
            + "(its referencedTypes() or bootClasses() miss them): " + missed + "; " + this);
      }
    }
  }

  /** Every class of {@code jars}, as classes of {@code loader} (which must see their supertypes). */
  public static Result inJars(InstrumentationModule module, ClassLoader loader, List<Path> jars) {
    Check check = new Check(module, loader);
    for (Path jar : jars) {
      try (JarFile file = new JarFile(jar.toFile())) {
        Enumeration<JarEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
          JarEntry entry = entries.nextElement();
          String internalName = internalName(entry.getName());
          if (internalName != null) {
            try (InputStream in = file.getInputStream(entry)) {
              check.examine(internalName, in.readAllBytes());
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return check.result();
  }

  /** Every class of a module of the running JDK ({@code java.base}), as classes of the boot loader. */
  public static Result inJdk(InstrumentationModule module, String jdkModule) {
    Check check = new Check(module, null);
    Path root = FileSystems.getFileSystem(URI.create("jrt:/")).getPath("modules", jdkModule);
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String internalName = internalName(root.relativize(file).toString());
        if (internalName != null) {
          check.examine(internalName, Files.readAllBytes(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return check.result();
  }

  /**
   * The jar {@code loader} loads that class from, which must be of {@code version}: a build
   * execution that puts another version of the library on the class path tells the test which.
   */
  public static Path jarOf(ClassLoader loader, String className, String version) {
    Path jar = jarOf(loader, className);
    if (!jar.getFileName().toString().contains("-" + version)) {
      throw new AssertionError(className + " comes from " + jar + ", not from version " + version);
    }
    return jar;
  }

  /** The jar {@code loader} loads that class from. */
  public static Path jarOf(ClassLoader loader, String className) {
    URL url = loader.getResource(className.replace('.', '/') + ".class");
    if (url == null || !url.getProtocol().equals("jar")) {
      throw new IllegalArgumentException(className + " is in no jar: " + url);
    }
    String file = url.getPath();
    try {
      return Path.of(new URI(file.substring(0, file.indexOf("!/"))));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(url.toString(), e);
    }
  }

  /** A class file's internal name (a multi-release jar's versions included); null for others. */
  private static String internalName(String entry) {
    String name = entry.replace('\\', '/');
    if (name.startsWith("META-INF/versions/")) {
      name = name.substring(name.indexOf('/', "META-INF/versions/".length()) + 1);
    }
    if (!name.endsWith(".class") || name.endsWith("module-info.class") || name.endsWith("package-info.class")) {
      return null;
    }
    return name.substring(0, name.length() - ".class".length());
  }

  private static final class Check {
    private static final byte[] WARREN = "io/warren/".getBytes(StandardCharsets.US_ASCII);
    private final ClassLoader loader;
    private final ClassFileTransformer unfiltered;
    private final DeferredTransformer filter;
    private final Set<String> handedOn = new HashSet<>();
    private final List<String> transformed = new ArrayList<>();
    private final List<String> missed = new ArrayList<>();
    private int examined;

    Check(InstrumentationModule module, ClassLoader loader) {
      this.loader = loader;
      this.unfiltered = ModuleInstaller.transformer(List.of(module));
      // As after the agent's start (and on a late attach): every class the filter lets
      // through goes on to the modules' transformer, here one that notes its name.
      this.filter = new DeferredTransformer(module.referencedTypes(), module.bootClasses());
      filter.ready(
          new ClassFileTransformer() {
            @Override
            public byte[] transform(
                ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] classFile) {
              handedOn.add(className);
              return null;
            }
          });
    }

    void examine(String internalName, byte[] classFile) {
      examined++;
      try {
        byte[] instrumented = unfiltered.transform(loader, internalName, null, null, classFile);
        // A class a type matcher matches but none of whose methods a method matcher does is
        // written back without advice: nothing the filter must let through. Inlined advice
        // always names Warren's bridge (its exception handler reports to AdviceErrors).
        if (instrumented == null || !names(instrumented, WARREN) || names(classFile, WARREN)) {
          return;
        }
        String name = internalName.replace('/', '.');
        transformed.add(name);
        filter.transform(null, loader, internalName, null, null, classFile);
        if (!handedOn.contains(internalName)) {
          missed.add(name);
        }
      } catch (Exception e) {
        throw new IllegalStateException("checking " + internalName, e);
      }
    }

    private static boolean names(byte[] classFile, byte[] text) {
      outer:
      for (int i = 0; i <= classFile.length - text.length; i++) {
        for (int j = 0; j < text.length; j++) {
          if (classFile[i + j] != text[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    }

    Result result() {
      Collections.sort(transformed);
      Collections.sort(missed);
      return new Result(List.copyOf(transformed), List.copyOf(missed), examined);
    }
  }
}
