package io.warren.instrumentation.vertxrabbitmq;

import io.warren.agent.ClassFileFilterCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent's class-file filter lets through every class of Vert.x's RabbitMQ client and
 * of Vert.x core that this module instruments, on Vert.x 4.5 here and 5.0 in the execution
 * vertx-5.0.
 */
class ClassFileFilterTest {

  @Test
  void everyVertxClassTheModuleInstrumentsGetsThroughTheAgentsFilter() {
    ClassLoader loader = getClass().getClassLoader();
    String version = System.getProperty("expected.vertx.version");

    ClassFileFilterCheck.inJars(new VertxRabbitMqInstrumentationModule(), loader, List.of(
            ClassFileFilterCheck.jarOf(loader, "io.vertx.rabbitmq.RabbitMQClient", version),
            ClassFileFilterCheck.jarOf(loader, "io.vertx.core.Vertx", version)))
        .assertInstrumentsAndLetsThrough(
            VertxRabbitMqInstrumentationModule.QUEUE_CONSUMER, "io.vertx.core.impl.WorkerTask");
  }
}
