package io.warren.instrumentation.rabbitmq;

import io.warren.agent.ClassFileFilterCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent's class-file filter lets through every amqp-client class this module
 * instruments, on each client version the build runs it with (the newest here, 5.0.0 in the
 * execution amqp-client-5.0).
 */
class ClassFileFilterTest {

  @Test
  void everyClientClassTheModuleInstrumentsGetsThroughTheAgentsFilter() {
    ClassLoader loader = getClass().getClassLoader();
    Path client = ClassFileFilterCheck.jarOf(
        loader, "com.rabbitmq.client.Channel", System.getProperty("expected.amqp-client.version"));

    ClassFileFilterCheck.inJars(new RabbitMqInstrumentationModule(), loader, List.of(client))
        .assertInstrumentsAndLetsThrough(
            "com.rabbitmq.client.impl.ChannelN",
            "com.rabbitmq.client.impl.recovery.AutorecoveringChannel",
            "com.rabbitmq.client.impl.recovery.RecoveryAwareChannelN",
            "com.rabbitmq.client.DefaultConsumer",
            "com.rabbitmq.client.RpcServer");
  }
}
