package io.warren.instrumentation.concurrent;

import static io.warren.instrumentation.concurrent.AgentInThisJvm.currentSpanId;
import static io.warren.instrumentation.concurrent.AgentInThisJvm.inSpan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.ShutdownSignalException;
import io.warren.agent.api.ModuleInstaller;
import io.warren.instrumentation.rabbitmq.RabbitMqInstrumentationModule;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With the RabbitMQ module too, against the broker on 127.0.0.1:5672. The client's consumer work
 * pool is a JDK executor, and an application thread with a span current subscribes and closes
 * channels: the callbacks this causes must not run with that span. (They do not: amqp-client
 * hands all consumer work to its pool from the connection's own thread, where no context is
 * current, and the pool's tasks chain on from there.)
 */
class ClientDispatchTest {

  @BeforeAll
  static void installAgent() {
    AgentInThisJvm.install();
    ModuleInstaller.install(ByteBuddyAgent.install(), List.of(new RabbitMqInstrumentationModule()));
  }

  @Test
  void callbacksCausedByAThreadWithASpanRunWithoutIt() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(System.getProperty("warren.test.broker.host", "127.0.0.1"));
    ExecutorService dispatch = Executors.newFixedThreadPool(1);
    try (Connection connection = factory.newConnection(dispatch)) {
      Channel channel = connection.createChannel();
      String queue = channel.queueDeclare().getQueue();
      AtomicReference<String> atConsumeOk = new AtomicReference<>();
      AtomicReference<String> atShutdown = new AtomicReference<>();
      CountDownLatch shutDown = new CountDownLatch(1);
      inSpan(() -> {
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
          @Override
          public void handleConsumeOk(String consumerTag) {
            atConsumeOk.set(currentSpanId());
          }

          @Override
          public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
            atShutdown.set(currentSpanId());
            shutDown.countDown();
          }
        });
        channel.close();
      });
      shutDown.await();
      assertEquals("none", atConsumeOk.get());
      assertEquals("none", atShutdown.get());
      assertEquals("none", dispatch.submit(AgentInThisJvm::currentSpanId).get());
    } finally {
      dispatch.shutdownNow();
    }
  }
}
