package io.warren.instrumentation.vertxrabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.agent.ClassFileFilterCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent's class-file filter lets through every class of Vert.x's RabbitMQ client and
 * of Vert.x core that this module transforms, on Vert.x 4.5 here and 5.0 in the execution
 * vertx-5.0.
 */
class ClassFileFilterTest {

  @Test
  void everyVertxClassTheModuleTransformsGetsThroughTheAgentsFilter() {
    ClassLoader loader = getClass().getClassLoader();
    Path client = ClassFileFilterCheck.jarOf(loader, "io.vertx.rabbitmq.RabbitMQClient");
    Path core = ClassFileFilterCheck.jarOf(loader, "io.vertx.core.Vertx");
    String version = System.getProperty("expected.vertx.version", "");
    assertTrue(client.getFileName().toString().contains(version) && core.getFileName().toString().contains(version),
        () -> "the Vert.x under test: " + client + ", " + core);

    ClassFileFilterCheck.Result result =
        ClassFileFilterCheck.inJars(new VertxRabbitMqInstrumentationModule(), loader, List.of(client, core));

    assertTrue(result.transformed().containsAll(List.of(
            VertxRabbitMqInstrumentationModule.QUEUE_CONSUMER,
            "io.vertx.core.impl.WorkerTask")),
        () -> "the module transforms the client's consumer and Vert.x's hand-offs: " + result);
    assertEquals(List.of(), result.missed(),
        () -> "transformed by the module, but stopped by the agent's filter (referencedTypes()): " + result);
  }
}
