package io.warren.instrumentation.smallryerabbitmq;

import io.warren.agent.ClassFileFilterCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent's class-file filter lets through every class of the connector and of
 * Mutiny's Vert.x RabbitMQ binding that this module instruments (the versions of Quarkus 3.33.2).
 */
class ClassFileFilterTest {

  @Test
  void everyClassTheModuleInstrumentsGetsThroughTheAgentsFilter() {
    ClassLoader loader = getClass().getClassLoader();
    ClassFileFilterCheck.inJars(new SmallRyeRabbitMqInstrumentationModule(), loader, List.of(
            ClassFileFilterCheck.jarOf(loader, SmallRyeRabbitMqInstrumentationModule.CONVERTER,
                System.getProperty("expected.smallrye.version")),
            ClassFileFilterCheck.jarOf(loader, SmallRyeRabbitMqInstrumentationModule.MUTINY_MESSAGE,
                System.getProperty("expected.mutiny-vertx.version"))))
        .assertInstrumentsAndLetsThrough(
            SmallRyeRabbitMqInstrumentationModule.MUTINY_MESSAGE,
            SmallRyeRabbitMqInstrumentationModule.INCOMING_MESSAGE,
            SmallRyeRabbitMqInstrumentationModule.CONVERTER);
  }
}
