package io.warren.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import org.junit.jupiter.api.Test;

class ModuleAdviceTest {

  @Test
  void adviceThatCannotBeResolvedLeavesClassesAloneAndIsReportedOncePerLoader() {
    ClassLoader loader = getClass().getClassLoader();
    TypeDescription someClass = TypeDescription.ForLoadedType.of(ModuleAdviceTest.class);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(err, true));
    try {
      ModuleAdvice module = new ModuleAdvice(new BrokenModule(), java.util.Collections.<String>emptySet());

      assertTrue(module.transforms(someClass), "the type matcher matches");
      assertEquals(List.of(), module.adviceFor(loader, someClass));
      assertEquals(List.of(), module.adviceFor(loader, someClass));
    } finally {
      System.setErr(original);
    }
    String log = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, log.lines().count(), log);
    assertTrue(log.startsWith("[warren] WARN the broken instrumentation cannot be applied"), log);
  }

  @Test
  void aLoaderThatCannotSeeTheBridgeIsLeftAloneWithOneLine() throws Exception {
    TypeDescription someClass = TypeDescription.ForLoadedType.of(ModuleAdviceTest.class);
    // Its parent is the boot loader, where the bridge is not in a unit test (it is on the class
    // path): like an OSGi bundle's loader that hides the boot loader's Warren classes.
    try (java.net.URLClassLoader isolated = new java.net.URLClassLoader(new java.net.URL[0], null)) {
      String log = stderrOf(() -> {
        ModuleAdvice module = new ModuleAdvice(new BrokenModule(), Collections.<String>emptySet());
        assertEquals(List.of(), module.adviceFor(isolated, someClass));
        assertEquals(List.of(), module.adviceFor(isolated, someClass));
      });
      // (The module's own loader, which lacks the advice class, gets its line when it is built.)
      assertEquals(1, log.lines().filter(l -> l.contains("cannot see Warren's bridge")).count(), log);
      assertTrue(log.lines().filter(l -> l.contains("cannot see Warren's bridge"))
          .allMatch(l -> l.contains(isolated.toString())), log);
    }
  }

  @Test
  void logLinesNameTheBootLoaderByNameNotAsNull() {
    ClassLoader application = getClass().getClassLoader();
    assertEquals("the boot loader", ModuleAdvice.describe(null));
    assertEquals(application.toString(), ModuleAdvice.describe(application));
  }

  @Test
  void aClassAnotherModuleTakesOverIsNotTransformed() {
    TypeDescription taken = TypeDescription.ForLoadedType.of(ModuleAdviceTest.class);
    TypeDescription other = TypeDescription.ForLoadedType.of(String.class);
    ModuleAdvice module = new ModuleAdvice(
        new BrokenModule(), Collections.singleton(ModuleAdviceTest.class.getName()));
    assertEquals(false, module.transforms(taken));
    assertEquals(List.of(), module.adviceFor(getClass().getClassLoader(), taken));
    assertTrue(module.transforms(other));
  }

  @Test
  void onlyAModuleThatNamesJdkClassesAppliesToTheBootLoaderAndOnlyToThoseClasses() {
    ClassLoader application = getClass().getClassLoader();
    ModuleAdvice library = new ModuleAdvice(new BrokenModule(), Collections.<String>emptySet());
    assertEquals(false, library.appliesTo(null), "a library module never sees the JDK's classes");
    assertTrue(library.appliesTo(application));

    ModuleAdvice[] jdk = new ModuleAdvice[1];
    // Its advice is resolved for the boot loader at once (the bridge is not there in a unit test).
    stderrOf(() -> jdk[0] = new ModuleAdvice(new JdkModule(), Collections.<String>emptySet()));
    assertTrue(jdk[0].appliesTo(null));
    assertEquals(false, jdk[0].appliesTo(application), "nor does it see the application's");
    assertTrue(jdk[0].instrumentsBootClass("java.lang.String"));
    assertTrue(jdk[0].transforms(TypeDescription.ForLoadedType.of(String.class)));
    assertEquals(false, jdk[0].instrumentsBootClass("java.lang.Integer"));
    assertEquals(false, jdk[0].transforms(TypeDescription.ForLoadedType.of(Integer.class)),
        "a JDK class it does not name, though its type matcher matches any");
  }

  static String stderrOf(Runnable action) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(err, true));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return err.toString(StandardCharsets.UTF_8);
  }

  /** The broken module, but for one JDK class instead of a library. */
  private static final class JdkModule implements InstrumentationModule {
    private final BrokenModule broken = new BrokenModule();

    @Override
    public String name() {
      return "jdk";
    }

    @Override
    public String requiredClass() {
      return "java.lang.String";
    }

    @Override
    public List<String> referencedTypes() {
      return List.of();
    }

    @Override
    public java.util.Set<String> bootClasses() {
      return java.util.Set.of("java.lang.String");
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
      return broken.typeInstrumentations();
    }
  }

  /** A module whose advice class does not exist, for a library every loader has. */
  private static final class BrokenModule implements InstrumentationModule {
    @Override
    public String name() {
      return "broken";
    }

    @Override
    public String requiredClass() {
      return "java.lang.String";
    }

    @Override
    public List<String> referencedTypes() {
      return List.of("java/lang/String");
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
      return List.of(new TypeInstrumentation() {
        @Override
        public ElementMatcher<TypeDescription> typeMatcher() {
          return ElementMatchers.any();
        }

        @Override
        public List<MethodAdvice> methodAdvice() {
          return Collections.singletonList(
              new MethodAdvice(ElementMatchers.any(), "io.warren.example.MissingAdvice"));
        }
      });
    }
  }
}
