package io.warren.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.agent.api.helpers.JdkHelper;
import io.warren.agent.api.helpers.Library;
import io.warren.agent.api.helpers.LibraryHelper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HelperClassesTest {

  @BeforeAll
  static void definingIsAllowedAsTheAgentAllowsIt() {
    assertTrue(HelperClasses.allowDefining(ByteBuddyAgent.install()));
  }

  @Test
  void helpersAreDefinedInTheInstrumentedLoaderOncePerLoader() throws Exception {
    // Its parent is the boot loader: it sees no test class, like an application's loader that
    // cannot see the agent's.
    try (URLClassLoader application = new URLClassLoader(new URL[0], null)) {
      HelperClasses helpers = new HelperClasses("test", List.of(JdkHelper.class.getName()),
          getClass().getClassLoader());

      assertTrue(helpers.defineIn(application));
      assertTrue(helpers.defineIn(application), "a second class of the same loader: still usable");

      Class<?> defined = Class.forName(JdkHelper.class.getName(), false, application);
      assertSame(application, defined.getClassLoader());
      Supplier<?> helper = (Supplier<?>) defined.getDeclaredConstructor().newInstance();
      assertSame(application, helper.get());
    }
  }

  @Test
  void aHelperNamesTheApplicationsCopyOfALibraryTheAgentJarRelocated() throws Exception {
    ClassLoader moduleLoader = loaderServing(LibraryHelper.class, HelperClassesTest::relocateLibrary);
    // The application's loader holds the library (unrelocated) and not the helper.
    try (URLClassLoader application = new URLClassLoader(new URL[] {testClasses()}, null)) {
      HelperClasses helpers =
          new HelperClasses("test", List.of(LibraryHelper.class.getName()), moduleLoader);

      assertTrue(helpers.defineIn(application));

      Class<?> library = Class.forName(Library.class.getName(), false, application);
      Object helper = Class.forName(LibraryHelper.class.getName(), false, application)
          .getDeclaredConstructor().newInstance();
      assertTrue(library.isInstance(helper), "implements the application's copy of the library");
      assertEquals("hello you from " + Library.class.getName(),
          library.getMethod("greet", String.class).invoke(helper, "you"));
    }
  }

  @Test
  void aLoaderWhereTheHelpersCannotBeDefinedIsSaidOnceAndRefused() throws Exception {
    // The library is missing there: the helper cannot be defined.
    try (URLClassLoader application = new URLClassLoader(new URL[0], null)) {
      HelperClasses helpers = new HelperClasses("test", List.of(LibraryHelper.class.getName()),
          getClass().getClassLoader());
      String log = ModuleAdviceTest.stderrOf(() -> {
        assertFalse(helpers.defineIn(application));
        assertFalse(helpers.defineIn(application));
      });
      assertEquals(1, log.lines().count(), log);
      assertTrue(log.startsWith("[warren] WARN the test helper classes cannot be defined"), log);
    }
  }

  /** What the agent jar's relocation does to the helper's class file. */
  private static byte[] relocateLibrary(byte[] classFile) {
    String library = Library.class.getName().replace('.', '/');
    ClassWriter writer = new ClassWriter(0);
    new ClassReader(classFile).accept(new ClassRemapper(writer, new Remapper() {
      @Override
      public String map(String internalName) {
        return internalName.equals(library) ? Relocation.PREFIX + library : internalName;
      }

      @Override
      public Object mapValue(Object value) {
        return Library.class.getName().equals(value)
            ? Relocation.PREFIX.replace('/', '.') + value
            : super.mapValue(value);
      }
    }), 0);
    byte[] relocated = writer.toByteArray();
    assertTrue(new String(relocated, java.nio.charset.StandardCharsets.ISO_8859_1)
        .contains(Relocation.PREFIX + library), "the test relocates");
    return relocated;
  }

  /** A loader whose class file of {@code type} is the one given. */
  private static ClassLoader loaderServing(Class<?> type, Function<byte[], byte[]> change)
      throws Exception {
    byte[] classFile =
        change.apply(ClassFileLocator.ForClassLoader.read(type));
    String resource = type.getName().replace('.', '/') + ".class";
    return new ClassLoader(null) {
      @Override
      public InputStream getResourceAsStream(String name) {
        return resource.equals(name) ? new ByteArrayInputStream(classFile) : null;
      }
    };
  }

  private static URL testClasses() {
    return Library.class.getProtectionDomain().getCodeSource().getLocation();
  }
}
