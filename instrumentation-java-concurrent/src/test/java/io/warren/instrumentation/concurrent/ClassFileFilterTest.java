package io.warren.instrumentation.concurrent;

import io.warren.agent.ClassFileFilterCheck;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent's class-file filter lets through every JDK class this module instruments,
 * on the JDK the tests run on (17 here, 25 in the execution jdk25): the filter names them.
 */
class ClassFileFilterTest {

  @Test
  void everyJdkClassTheModuleInstrumentsGetsThroughTheAgentsFilter() {
    ClassFileFilterCheck.inJdk(new JavaConcurrentInstrumentationModule(), "java.base")
        .assertInstrumentsAndLetsThrough(
            "java.util.concurrent.FutureTask", "java.util.concurrent.ThreadPoolExecutor");
  }
}
