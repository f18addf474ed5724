package io.warren.instrumentation.springrabbit;

import io.warren.agent.ClassFileFilterCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent's class-file filter lets through every spring-rabbit class this module
 * instruments, on Spring AMQP 3.2 here and 4.0 in the execution spring-amqp-4.0.
 */
class ClassFileFilterTest {

  @Test
  void everySpringRabbitClassTheModuleInstrumentsGetsThroughTheAgentsFilter() {
    ClassLoader loader = getClass().getClassLoader();
    Path springRabbit = ClassFileFilterCheck.jarOf(loader, SpringRabbitInstrumentationModule.CONTAINER,
        System.getProperty("expected.spring-amqp.version"));

    ClassFileFilterCheck.inJars(new SpringRabbitInstrumentationModule(), loader, List.of(springRabbit))
        .assertInstrumentsAndLetsThrough(
            SpringRabbitInstrumentationModule.CONTAINER,
            SpringRabbitInstrumentationModule.SIMPLE_CONTAINER,
            SpringRabbitInstrumentationModule.DIRECT_CONSUMER);
  }
}
