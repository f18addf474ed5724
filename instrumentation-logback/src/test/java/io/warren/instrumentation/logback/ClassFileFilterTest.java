package io.warren.instrumentation.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.agent.ClassFileFilterCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent's class-file filter lets through every Logback class this module
 * transforms, on the newest Logback here and 1.2 in the execution logback-1.2.
 */
class ClassFileFilterTest {

  @Test
  void everyLogbackClassTheModuleTransformsGetsThroughTheAgentsFilter() {
    ClassLoader loader = getClass().getClassLoader();
    Path logback = ClassFileFilterCheck.jarOf(loader, LogbackInstrumentationModule.LOGGING_EVENT);
    assertTrue(logback.getFileName().toString().contains(System.getProperty("expected.logback.version")),
        () -> "the Logback under test: " + logback);

    ClassFileFilterCheck.Result result =
        ClassFileFilterCheck.inJars(new LogbackInstrumentationModule(), loader, List.of(logback));

    assertTrue(result.transformed().contains(LogbackInstrumentationModule.LOGGING_EVENT),
        () -> "the module transforms the logging event: " + result);
    assertEquals(List.of(), result.missed(),
        () -> "transformed by the module, but stopped by the agent's filter (referencedTypes()): " + result);
  }
}
