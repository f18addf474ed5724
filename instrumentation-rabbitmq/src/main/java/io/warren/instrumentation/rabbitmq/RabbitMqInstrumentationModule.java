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
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new ChannelInstrumentation(), new ConsumerInstrumentation());
  }
}
