package io.warren.instrumentation.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test with the RabbitMQ module installed in this JVM, a recording tracer, and a fresh
 * connection (the client's default, auto-recovering) with a server-named queue.
 */
abstract class BrokerTestBase {

  RecordingTracer tracer;
  Connection connection;
  Channel channel;
  String queue;

  @BeforeEach
  void connect() throws Exception {
    tracer = AgentTestSupport.install();
    connection = AgentTestSupport.broker().newConnection();
    channel = connection.createChannel();
    queue = channel.queueDeclare().getQueue();
    tracer.clear(); // the declaration above is not what the tests count
  }

  @AfterEach
  void close() throws Exception {
    connection.close();
  }
}
