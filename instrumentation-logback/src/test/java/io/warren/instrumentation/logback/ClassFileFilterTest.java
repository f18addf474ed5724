package io.warren.instrumentation.logback;

import io.warren.agent.ClassFileFilterCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent's class-file filter lets through every Logback class this module
 * instruments, on the newest Logback here and 1.2 in the execution logback-1.2.
 */
class ClassFileFilterTest {

  @Test
  void everyLogbackClassTheModuleInstrumentsGetsThroughTheAgentsFilter() {
    ClassLoader loader = getClass().getClassLoader();
    Path logback = ClassFileFilterCheck.jarOf(loader, LogbackInstrumentationModule.LOGGING_EVENT,
        System.getProperty("expected.logback.version"));

    ClassFileFilterCheck.inJars(new LogbackInstrumentationModule(), loader, List.of(logback))
        .assertInstrumentsAndLetsThrough(LogbackInstrumentationModule.LOGGING_EVENT);
  }
}
