package io.warren.instrumentation.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.bootstrap.testing.RecordingBackend;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test with the RabbitMQ module installed in this JVM, a recording backend, and a fresh
 * connection (the client's default, auto-recovering) with a server-named queue.
 */
abstract class BrokerTestBase {

  RecordingBackend backend;
  Connection connection;
  Channel channel;
  String queue;

  @BeforeEach
  void connect() throws Exception {
    backend = AgentTestSupport.install();
    connection = AgentTestSupport.broker().newConnection();
    channel = connection.createChannel();
    queue = channel.queueDeclare().getQueue();
    backend.clear(); // the declaration above is not what the tests count
  }

  @AfterEach
  void close() throws Exception {
    connection.close();
  }

  /** A name no other run uses, that a person could have chosen (not a generated one). */
  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Waits until {@code spans} spans have ended (deliveries end on the client's threads). */
  void awaitEnded(int spans) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (backend.ended.size() < spans && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(spans, backend.ended.size(), () -> "ended: " + backend.ended + "; started: " + backend.started);
  }
}
