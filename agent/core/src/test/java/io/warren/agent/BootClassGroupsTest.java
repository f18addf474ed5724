package io.warren.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A module's bootstrap package reaches the boot loader only once a class file that names it is
 * handed back, with the packages it names itself; the bridge is left to be defined at once. Class
 * files here are stand-ins whose bytes hold the names a constant pool would.
 */
class BootClassGroupsTest {

  /** What the definer was given, call by call. */
  private final List<Set<String>> defined = new ArrayList<Set<String>>();

  private final Map<String, byte[]> jar = new TreeMap<String, byte[]>();

  BootClassGroupsTest() {
    jar.put("io.warren.bootstrap.Tracing", classFile("java/lang/Object"));
    jar.put("io.warren.instrumentation.alpha.bootstrap.Spans",
        classFile("io/warren/bootstrap/Tracing"));
    // beta's classes call alpha's API: defining beta brings alpha
    jar.put("io.warren.instrumentation.beta.bootstrap.Listener",
        classFile("Lio/warren/instrumentation/alpha/bootstrap/Spans;"));
    jar.put("io.warren.instrumentation.beta.bootstrap.Listener$State", classFile(""));
    jar.put("io.warren.instrumentation.gamma.bootstrap.Unused", classFile(""));
  }

  private BootClassGroups groups() {
    return BootClassGroups.takenFrom(jar, classes -> defined.add(new TreeSet<String>(classes.keySet())));
  }

  @Test
  void leavesTheBridgeToBeDefinedNowAndDefinesNoModuleYet() {
    groups();
    assertEquals(Set.of("io.warren.bootstrap.Tracing"), jar.keySet());
    assertEquals(List.of(), defined);
  }

  @Test
  void definesWhatAClassNamesWithWhatThatNames() throws Exception {
    BootClassGroups groups = groups();
    groups.defineNamedIn(classFile("io/warren/instrumentation/beta/bootstrap/Listener"));
    assertEquals(List.of(Set.of("io.warren.instrumentation.alpha.bootstrap.Spans",
        "io.warren.instrumentation.beta.bootstrap.Listener",
        "io.warren.instrumentation.beta.bootstrap.Listener$State")), defined);

    groups.defineNamedIn(classFile("io/warren/instrumentation/alpha/bootstrap/Spans"));
    assertEquals(1, defined.size(), "each package is defined once");
  }

  @Test
  void aNameInDottedFormCountsToo() throws Exception {
    groups().defineNamedIn(classFile("Class.forName(io.warren.instrumentation.gamma.bootstrap.Unused)"));
    assertEquals(List.of(Set.of("io.warren.instrumentation.gamma.bootstrap.Unused")), defined);
  }

  @Test
  void classesOutsideABootstrapPackageDefineNothing() throws Exception {
    groups().defineNamedIn(classFile(
        "io/warren/instrumentation/alpha/AlphaModule io/warren/instrumentation/beta/bootstrapper/X"));
    assertEquals(List.of(), defined);
  }

  @Test
  void aTransformedClassIsHandedBackOnlyAfterWhatItCallsIsDefined() throws Exception {
    byte[] changed = classFile("io/warren/instrumentation/gamma/bootstrap/Unused");
    ClassFileTransformer transformer = groups().definingFor(changing("app/Instrumented", changed));

    assertNull(transformer.transform(null, null, "app/Other", null, null, new byte[0]));
    assertEquals(List.of(), defined);
    assertArrayEquals(changed,
        transformer.transform(null, null, "app/Instrumented", null, null, new byte[0]));
    assertEquals(List.of(Set.of("io.warren.instrumentation.gamma.bootstrap.Unused")), defined);
  }

  @Test
  void aClassWhoseCalleesCannotBeDefinedIsLeftAsItWas() throws Exception {
    BootClassGroups groups = BootClassGroups.takenFrom(jar, classes -> {
      throw new LinkageError("refused");
    });
    ClassFileTransformer transformer = groups.definingFor(changing("app/Instrumented",
        classFile("io/warren/instrumentation/alpha/bootstrap/Spans")));
    List<byte[]> handedBack = new ArrayList<byte[]>();
    String warning = StandardError.of(() -> {
      try {
        handedBack.add(transformer.transform(null, null, "app/Instrumented", null, null, new byte[0]));
      } catch (IllegalClassFormatException e) {
        throw new AssertionError(e);
      }
    });
    assertNull(handedBack.get(0));
    assertTrue(warning.contains("could not instrument app/Instrumented"), warning);
  }

  @Test
  void noneDefinesNothing() throws Exception {
    BootClassGroups.none().defineNamedIn(classFile("io/warren/instrumentation/alpha/bootstrap/Spans"));
    assertEquals(List.of(), defined);
  }

  /** Advice for one class: its class file becomes {@code changed}; every other is left alone. */
  private static ClassFileTransformer changing(String className, byte[] changed) {
    return new ClassFileTransformer() {
      @Override
      public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
          ProtectionDomain domain, byte[] classFile) {
        return name.equals(className) ? changed : null;
      }
    };
  }

  private static byte[] classFile(String namesInside) {
    return ("\u00ca\u00fe\u00ba\u00be" + namesInside + "\u0001").getBytes(StandardCharsets.ISO_8859_1);
  }
}
