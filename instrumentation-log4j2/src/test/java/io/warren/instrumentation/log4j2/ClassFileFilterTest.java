package io.warren.instrumentation.log4j2;

import io.warren.agent.ClassFileFilterCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent's class-file filter lets through every Log4j2 class this module
 * instruments, on the newest Log4j2 here and 2.7 in the execution log4j2-2.7.
 */
class ClassFileFilterTest {

  @Test
  void everyLog4j2ClassTheModuleInstrumentsGetsThroughTheAgentsFilter() {
    ClassLoader loader = getClass().getClassLoader();
    Path core = ClassFileFilterCheck.jarOf(loader, Log4j2InstrumentationModule.INJECTOR,
        System.getProperty("expected.log4j2.version"));

    ClassFileFilterCheck.inJars(new Log4j2InstrumentationModule(), loader, List.of(core))
        .assertInstrumentsAndLetsThrough("org.apache.logging.log4j.core.impl.ThreadContextDataInjector$"
            + System.getProperty("expected.log4j2.injector"));
  }
}
