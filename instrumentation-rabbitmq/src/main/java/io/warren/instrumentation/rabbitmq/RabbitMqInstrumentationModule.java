package io.warren.instrumentation.rabbitmq;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/** Traces the RabbitMQ Java client (com.rabbitmq:amqp-client 4.x and 5.x). */
public final class RabbitMqInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "rabbitmq";
  }

  @Override
  public String requiredClass() {
    return "com.rabbitmq.client.Channel";
  }

  @Override
  public List<String> referencedTypes() {
    // basicPublish takes BasicProperties, basicGet returns GetResponse, basicConsume takes a
    // Consumer, handleDelivery takes an Envelope: a class that overrides any of them names one.
    return Arrays.asList(
        "com/rabbitmq/client/AMQP$BasicProperties",
        "com/rabbitmq/client/GetResponse",
        "com/rabbitmq/client/Consumer",
        "com/rabbitmq/client/Envelope");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new ChannelInstrumentation(), new ConsumerInstrumentation(), new RpcServerInstrumentation());
  }
}
