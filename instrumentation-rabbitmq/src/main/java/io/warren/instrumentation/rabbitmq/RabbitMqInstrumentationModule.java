package io.warren.instrumentation.rabbitmq;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.ModuleSetting;
import io.warren.agent.api.TypeInstrumentation;
import io.warren.instrumentation.rabbitmq.bootstrap.MessageHistory;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Traces the RabbitMQ Java client (com.rabbitmq:amqp-client 4.x and 5.x). */
public final class RabbitMqInstrumentationModule implements InstrumentationModule {

  static final ModuleSetting QUEUE_TIME_HEADER =
      new ModuleSetting(
          "warren.messaging.queue-time.header",
          "true",
          "true or false: add the publish time to the headers of published messages",
          ModuleSetting.TRUE_OR_FALSE);

  /** Reads the module's settings into its bootstrap classes, where the advice looks for them. */
  public RabbitMqInstrumentationModule() {
    MessageHistory.stampPublishTime(Boolean.parseBoolean(QUEUE_TIME_HEADER.value()));
  }

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
  public List<ModuleSetting> settings() {
    return Collections.singletonList(QUEUE_TIME_HEADER);
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new ChannelInstrumentation(), new ConsumerInstrumentation(), new RpcServerInstrumentation());
  }
}
