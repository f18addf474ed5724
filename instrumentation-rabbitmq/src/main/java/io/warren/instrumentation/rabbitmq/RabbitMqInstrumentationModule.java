package io.warren.instrumentation.rabbitmq;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.ModuleSetting;
import io.warren.agent.api.TypeInstrumentation;
import io.warren.instrumentation.rabbitmq.bootstrap.CapturedValues;
import io.warren.instrumentation.rabbitmq.bootstrap.Confirms;
import io.warren.instrumentation.rabbitmq.bootstrap.Exclusions;
import io.warren.instrumentation.rabbitmq.bootstrap.MessageHistory;
import io.warren.instrumentation.rabbitmq.bootstrap.OriginHeader;
import io.warren.instrumentation.rabbitmq.bootstrap.Redeliveries;
import java.util.Arrays;
import java.util.List;

/** Traces the RabbitMQ Java client (com.rabbitmq:amqp-client 4.x and 5.x). */
public final class RabbitMqInstrumentationModule implements InstrumentationModule {

  static final ModuleSetting QUEUE_TIME_HEADER =
      new ModuleSetting(
          "warren.messaging.queue-time.header",
          "true",
          "true or false: add the publish time to the headers of published messages",
          ModuleSetting.TRUE_OR_FALSE);

  static final ModuleSetting ORIGIN_HEADER =
      new ModuleSetting(
          "warren.messaging.origin.header",
          "true",
          "true or false: while metrics are on, add the headers x-warren-origin and"
              + " x-warren-origin-at (the service and time of the first traced publish in a message's"
              + " chain) to published messages,"
              + " for the end-to-end latency metric",
          ModuleSetting.TRUE_OR_FALSE);

  static final ModuleSetting CONFIRM_TIMEOUT =
      new ModuleSetting(
          "warren.messaging.confirm.timeout-ms",
          "30000",
          "milliseconds a publish on a channel in confirm mode waits for the broker's confirm"
              + " before its span ends marked unconfirmed; a positive whole number",
          wholeNumberFrom(1));

  static final ModuleSetting EXCLUDE =
      new ModuleSetting(
          "warren.messaging.exclude",
          "",
          "glob patterns (* and ?), comma-separated, of exchanges (on publish; on the default"
              + " exchange, the routing key) and queues (on delivery and basicGet) to make no spans"
              + " for; the trace still flows through them",
          value -> true);

  static final ModuleSetting EXCLUDE_PROPAGATE =
      new ModuleSetting(
          "warren.messaging.exclude.propagate",
          "true",
          "true or false: excluded destinations pass the trace context on (a publish sends the"
              + " current context, a handler runs with its producer's context current)",
          ModuleSetting.TRUE_OR_FALSE);

  static final ModuleSetting CAPTURE_HEADERS =
      new ModuleSetting(
          "warren.messaging.capture-headers",
          "",
          "names, comma-separated, of message headers (span attribute messaging.header.<name>)"
              + " and AMQP properties such as app_id or content_type (attribute"
              + " messaging.rabbitmq.message.<name>) to record on publish, process and receive"
              + " spans; bodies never are",
          value -> true);

  static final ModuleSetting REDELIVERY_SPANS =
      new ModuleSetting(
          "warren.messaging.redelivery.spans",
          "10",
          "how many redeliveries of one message get a span each; after them only the 16th, 32nd,"
              + " 64th, ... (each power of two) does; a whole number, 0 or more",
          wholeNumberFrom(0));

  /** Reads the module's settings into its bootstrap classes, where the advice looks for them. */
  public RabbitMqInstrumentationModule() {
    MessageHistory.stampPublishTime(Boolean.parseBoolean(QUEUE_TIME_HEADER.value()));
    OriginHeader.enabled(Boolean.parseBoolean(ORIGIN_HEADER.value()));
    Confirms.timeoutMillis(Long.parseLong(CONFIRM_TIMEOUT.value().trim()));
    Exclusions.configure(EXCLUDE.value(), Boolean.parseBoolean(EXCLUDE_PROPAGATE.value().trim()));
    CapturedValues.configure(CAPTURE_HEADERS.value());
    Redeliveries.configure(Long.parseLong(REDELIVERY_SPANS.value().trim()));
  }

  private static ModuleSetting.Validator wholeNumberFrom(long least) {
    return value -> {
      try {
        return Long.parseLong(value.trim()) >= least;
      } catch (NumberFormatException e) {
        return false;
      }
    };
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
    // The client's recovering channel (RecoveryAwareChannelN) overrides the settle methods,
    // which name none of these, and processDelivery, which names the client's Deliver method.
    return Arrays.asList(
        "com/rabbitmq/client/impl/AMQImpl$Basic$Deliver",
        "com/rabbitmq/client/AMQP$BasicProperties",
        "com/rabbitmq/client/GetResponse",
        "com/rabbitmq/client/Consumer",
        "com/rabbitmq/client/Envelope");
  }

  @Override
  public List<ModuleSetting> settings() {
    return Arrays.asList(QUEUE_TIME_HEADER, ORIGIN_HEADER, CONFIRM_TIMEOUT, EXCLUDE, EXCLUDE_PROPAGATE, CAPTURE_HEADERS, REDELIVERY_SPANS);
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new ChannelInstrumentation(),
        new ClientChannelInstrumentation(),
        new ConsumerInstrumentation(),
        new RpcServerInstrumentation());
  }
}
