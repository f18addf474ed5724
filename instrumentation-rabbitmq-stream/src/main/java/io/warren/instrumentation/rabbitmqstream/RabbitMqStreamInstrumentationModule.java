package io.warren.instrumentation.rabbitmqstream;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.Settings;
import io.warren.agent.api.TypeInstrumentation;
import io.warren.instrumentation.rabbitmqstream.bootstrap.OpenPublishes;
import java.util.Arrays;
import java.util.List;

/** Traces the RabbitMQ Stream Java client (com.rabbitmq:stream-client 1.x). */
public final class RabbitMqStreamInstrumentationModule implements InstrumentationModule {

  /**
   * The publisher-confirm timeout of the RabbitMQ module, which this module shares (one setting
   * for both clients). Declared there, so a bad value is reported by that module; here it is
   * only read.
   */
  private static final String CONFIRM_TIMEOUT = "warren.messaging.confirm.timeout-ms";

  public RabbitMqStreamInstrumentationModule() {
    OpenPublishes.timeoutMillis(confirmTimeoutMillis());
  }

  private static long confirmTimeoutMillis() {
    String value = Settings.get(CONFIRM_TIMEOUT);
    try {
      long millis = value == null ? 0 : Long.parseLong(value.trim());
      return millis > 0 ? millis : OpenPublishes.DEFAULT_TIMEOUT_MILLIS;
    } catch (NumberFormatException e) {
      return OpenPublishes.DEFAULT_TIMEOUT_MILLIS;
    }
  }

  @Override
  public String name() {
    return "rabbitmq-stream";
  }

  @Override
  public String requiredClass() {
    return "com.rabbitmq.stream.Producer";
  }

  @Override
  public List<String> referencedTypes() {
    // Producer.send takes a ConfirmationHandler, ConsumerBuilder.messageHandler a MessageHandler.
    return Arrays.asList(
        "com/rabbitmq/stream/ConfirmationHandler", "com/rabbitmq/stream/MessageHandler");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new ProducerInstrumentation(), new ConsumerBuilderInstrumentation());
  }
}
