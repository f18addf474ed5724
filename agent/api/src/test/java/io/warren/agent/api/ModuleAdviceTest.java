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
