package io.warren.instrumentation.rabbitmqstream;

import io.warren.agent.ClassFileFilterCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent's class-file filter lets through every stream-client class this module
 * instruments (the producer that sends, the builder that takes the message handler), on the
 * client version the build runs the tests with.
 */
class ClassFileFilterTest {

  @Test
  void everyClientClassTheModuleInstrumentsGetsThroughTheAgentsFilter() {
    ClassLoader loader = getClass().getClassLoader();
    Path client = ClassFileFilterCheck.jarOf(
        loader, "com.rabbitmq.stream.Producer", System.getProperty("expected.stream-client.version"));

    ClassFileFilterCheck.inJars(new RabbitMqStreamInstrumentationModule(), loader, List.of(client))
        .assertInstrumentsAndLetsThrough(
            "com.rabbitmq.stream.impl.StreamProducer",
            "com.rabbitmq.stream.impl.StreamConsumerBuilder");
  }
}
