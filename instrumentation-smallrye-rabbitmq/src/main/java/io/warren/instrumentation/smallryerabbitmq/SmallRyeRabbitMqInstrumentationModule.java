package io.warren.instrumentation.smallryerabbitmq;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * Traces what SmallRye Reactive Messaging's RabbitMQ connector (Quarkus Messaging RabbitMQ)
 * relays: a message an {@code @Incoming}/{@code @Outgoing} method makes from a delivery is
 * published in that delivery's context. The connector hands deliveries and publishes between
 * threads in batches (its incoming stream's {@code emitOn}, its sender's wait for the outgoing
 * connection), so the thread's context is often another message's: the delivery's context is
 * followed with the message instead (its {@code IncomingRabbitMQMetadata}, which the messages
 * derived from it carry) and named for the publish through the Vert.x module's API. Spans
 * themselves are the Vert.x and RabbitMQ modules'.
 */
public final class SmallRyeRabbitMqInstrumentationModule implements InstrumentationModule {

  static final String PACKAGE = "io.warren.instrumentation.smallryerabbitmq.";

  static final String CONNECTOR_PACKAGE = "io.smallrye.reactive.messaging.rabbitmq.";
  static final String MUTINY_MESSAGE = "io.vertx.mutiny.rabbitmq.RabbitMQMessage";
  static final String INCOMING_MESSAGE = CONNECTOR_PACKAGE + "IncomingRabbitMQMessage";
  static final String CONVERTER = CONNECTOR_PACKAGE + "RabbitMQMessageConverter";

  @Override
  public String name() {
    return "smallrye-rabbitmq";
  }

  @Override
  public String requiredClass() {
    return CONNECTOR_PACKAGE + "RabbitMQConnector";
  }

  @Override
  public List<String> referencedTypes() {
    // Each instrumented class names itself (the converter its result, which has it as outer class).
    return Arrays.asList(
        MUTINY_MESSAGE.replace('.', '/'),
        INCOMING_MESSAGE.replace('.', '/'),
        CONVERTER.replace('.', '/'));
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new RelayInstrumentation.Delivered(),
        new RelayInstrumentation.Received(),
        new RelayInstrumentation.Converted());
  }
}
