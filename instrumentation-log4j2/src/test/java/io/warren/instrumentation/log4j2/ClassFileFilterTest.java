package io.warren.instrumentation.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.agent.ClassFileFilterCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent's class-file filter lets through every Log4j2 class this module transforms,
 * on the newest Log4j2 here and 2.7 in the execution log4j2-2.7.
 */
class ClassFileFilterTest {

  @Test
  void everyLog4j2ClassTheModuleTransformsGetsThroughTheAgentsFilter() {
    ClassLoader loader = getClass().getClassLoader();
    Path core = ClassFileFilterCheck.jarOf(loader, Log4j2InstrumentationModule.INJECTOR);
    assertTrue(core.getFileName().toString().contains(System.getProperty("expected.log4j2.version")),
        () -> "the Log4j2 under test: " + core);

    ClassFileFilterCheck.Result result =
        ClassFileFilterCheck.inJars(new Log4j2InstrumentationModule(), loader, List.of(core));

    String injector = "org.apache.logging.log4j.core.impl.ThreadContextDataInjector$"
        + System.getProperty("expected.log4j2.injector");
    assertTrue(result.transformed().contains(injector),
        () -> "the module transforms the injector in use, " + injector + ": " + result);
    assertEquals(List.of(), result.missed(),
        () -> "transformed by the module, but stopped by the agent's filter (referencedTypes()): " + result);
  }
}
