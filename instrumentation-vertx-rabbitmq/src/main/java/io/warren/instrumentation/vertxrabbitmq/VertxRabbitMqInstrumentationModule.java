package io.warren.instrumentation.vertxrabbitmq;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Traces Vert.x's RabbitMQ client (io.vertx:vertx-rabbitmq-client 4.5 and 5.0, on amqp-client).
 * Its consumer only hands each delivery from the client's thread to a Vert.x context; the
 * delivery's process span is made where the application's handler runs, on that context's event
 * loop or worker, and is current there. What the handler hands on through Vert.x (a publish, which
 * the client runs with {@code executeBlocking}; {@code runOnContext}; a future's callbacks) runs
 * with the context it was handed over in, and so does each message the client's publisher queues
 * before sending it. Publishes themselves go through the RabbitMQ client module.
 */
public final class VertxRabbitMqInstrumentationModule implements InstrumentationModule {

  static final String PACKAGE = "io.warren.instrumentation.vertxrabbitmq.";

  /** The client's own amqp-client consumer: its handleDelivery only hands the message over. */
  static final String QUEUE_CONSUMER = "io.vertx.rabbitmq.impl.QueueConsumerHandler";

  @Override
  public String name() {
    return "vertx-rabbitmq";
  }

  @Override
  public String requiredClass() {
    return "io.vertx.rabbitmq.RabbitMQClient";
  }

  @Override
  public List<String> referencedTypes() {
    // QueueConsumerHandler's handleDelivery takes an Envelope, the consumer's handler call a
    // RabbitMQMessage; Vert.x's worker task names its PoolMetrics, its event-loop executor
    // Netty's EventLoop.
    return Arrays.asList(
        "com/rabbitmq/client/Envelope",
        "io/vertx/rabbitmq/RabbitMQMessage",
        "io/vertx/core/spi/metrics/PoolMetrics",
        "io/netty/channel/EventLoop",
        // The publisher's queued message: its constructor takes the message's BasicProperties
        // (the client's interface, which few classes name; its own name is in no method of
        // Vert.x 5's, so the filter would let it pass untraced: ClassFileFilterTest).
        "com/rabbitmq/client/BasicProperties");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new QueueConsumerInstrumentation(),
        new MessageHandlerInstrumentation(),
        new VertxHandOffInstrumentation.WorkerTasks(),
        new VertxHandOffInstrumentation.EventLoopTasks(),
        new QueuedPublishInstrumentation.PublisherQueue(),
        new QueuedPublishInstrumentation.PublisherSend());
  }

  /**
   * The span of a delivery is the handler's, made here: the client module must not make a second
   * one around the client consumer's hand-off to the context.
   */
  @Override
  public Map<String, Set<String>> supersedes() {
    return Collections.<String, Set<String>>singletonMap(
        "rabbitmq", new HashSet<String>(Collections.singletonList(QUEUE_CONSUMER)));
  }
}
