package io.warren.instrumentation.vertxrabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import io.warren.bootstrap.Metrics;
import io.warren.bootstrap.testing.RecordingMetricsBackend;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Vert.x RabbitMQ consumer gets the client module's metrics: its delivery consumed and its
 * handling timed (the handler's span as exemplar), its ack counted per queue.
 */
class VertxMetricsTest {
  private static Vertx vertx;
  private final RecordingMetricsBackend metrics = new RecordingMetricsBackend();

  @BeforeAll
  static void install() {
    InstalledModules.install();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() throws Exception {
    Metrics.install(null);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aConsumedAndAckedMessageIsMeasured() throws Exception {
    Metrics.install(metrics);
    String queue = "warren-vertx-metrics-" + UUID.randomUUID().toString().substring(0, 8);
    RabbitMQClient client = RabbitMQClient.create(vertx, new RabbitMQOptions());
    await(client.start()
        .compose(started -> client.queueDeclare(queue, false, true, true))
        .compose(declared -> client.basicConsumer(queue, new QueueOptions().setAutoAck(false)))
        .map(consumer -> consumer.handler(
            message -> client.basicAck(message.envelope().getDeliveryTag(), false))));
    try {
      await(client.basicPublish("", queue, Buffer.buffer("m")));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      // The delivery is measured when its handler returns, after the ack it made.
      while ((metrics.count("warren.messaging.settlements") < 1
              || metrics.of("messaging.process.duration").isEmpty())
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } finally {
      await(client.stop());
      Metrics.install(null);
    }

    String destination = "messaging.destination.name";
    assertEquals(1, metrics.count("warren.messaging.settlements", destination, queue,
        "warren.settlement.outcome", "ack"), metrics.measurements::toString);
    assertEquals(1, metrics.count("messaging.client.consumed.messages", destination, queue));
    assertEquals(1, metrics.count("messaging.client.sent.messages", destination, "amq.default:" + queue));
    assertEquals(1, metrics.of("messaging.process.duration", destination, queue).size());
    assertTrue(metrics.of("messaging.process.duration").get(0).exemplarSpanId() != null, "the handler's span");
    assertTrue(metrics.misuses.isEmpty(), metrics.misuses::toString);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
