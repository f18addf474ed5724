package io.warren.instrumentation.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.agent.ClassFileFilterCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent's class-file filter lets through every amqp-client class this module
 * transforms, on each client version the build runs it with (the newest here, 5.0.0 in the
 * execution amqp-client-5.0).
 */
class ClassFileFilterTest {

  @Test
  void everyClientClassTheModuleTransformsGetsThroughTheAgentsFilter() {
    ClassLoader loader = getClass().getClassLoader();
    Path client = ClassFileFilterCheck.jarOf(loader, "com.rabbitmq.client.Channel");
    assertTrue(client.getFileName().toString().contains(System.getProperty("expected.amqp-client.version", "")),
        () -> "the client under test: " + client);

    ClassFileFilterCheck.Result result =
        ClassFileFilterCheck.inJars(new RabbitMqInstrumentationModule(), loader, List.of(client));

    assertTrue(result.transformed().containsAll(List.of(
            "com.rabbitmq.client.impl.ChannelN",
            "com.rabbitmq.client.impl.recovery.AutorecoveringChannel",
            "com.rabbitmq.client.impl.recovery.RecoveryAwareChannelN",
            "com.rabbitmq.client.DefaultConsumer",
            "com.rabbitmq.client.RpcServer")),
        () -> "the module transforms the client's channels and consumers: " + result);
    assertEquals(List.of(), result.missed(),
        () -> "transformed by the module, but stopped by the agent's filter (referencedTypes()): " + result);
  }
}
