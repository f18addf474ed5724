package io.warren.instrumentation.springrabbit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.agent.ClassFileFilterCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent's class-file filter lets through every spring-rabbit class this module
 * transforms, on Spring AMQP 3.2 here and 4.0 in the execution spring-amqp-4.0.
 */
class ClassFileFilterTest {

  @Test
  void everySpringRabbitClassTheModuleTransformsGetsThroughTheAgentsFilter() {
    ClassLoader loader = getClass().getClassLoader();
    Path springRabbit = ClassFileFilterCheck.jarOf(loader, SpringRabbitInstrumentationModule.CONTAINER);
    assertTrue(springRabbit.getFileName().toString().contains(System.getProperty("expected.spring-amqp.version", "")),
        () -> "the Spring AMQP under test: " + springRabbit);

    ClassFileFilterCheck.Result result =
        ClassFileFilterCheck.inJars(new SpringRabbitInstrumentationModule(), loader, List.of(springRabbit));

    assertTrue(result.transformed().containsAll(List.of(
            SpringRabbitInstrumentationModule.CONTAINER,
            SpringRabbitInstrumentationModule.SIMPLE_CONTAINER,
            SpringRabbitInstrumentationModule.DIRECT_CONSUMER)),
        () -> "the module transforms the listener containers: " + result);
    assertEquals(List.of(), result.missed(),
        () -> "transformed by the module, but stopped by the agent's filter (referencedTypes()): " + result);
  }
}
