package io.warren.instrumentation.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.agent.ClassFileFilterCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent's class-file filter lets through every JDK class this module transforms,
 * on the JDK the tests run on (17 here, 25 in the execution jdk25): the filter names them.
 */
class ClassFileFilterTest {

  @Test
  void everyJdkClassTheModuleTransformsGetsThroughTheAgentsFilter() {
    ClassFileFilterCheck.Result result =
        ClassFileFilterCheck.inJdk(new JavaConcurrentInstrumentationModule(), "java.base");

    assertTrue(result.transformed().containsAll(List.of(
            "java.util.concurrent.FutureTask", "java.util.concurrent.ThreadPoolExecutor")),
        () -> "the module transforms the JDK's executors: " + result);
    assertEquals(List.of(), result.missed(),
        () -> "transformed by the module, but stopped by the agent's filter (bootClasses()): " + result);
  }
}
