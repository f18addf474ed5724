package io.warren.smoketest.apps;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** Connection setup shared by the sample applications ({@code --host}, {@code --port}). */
final class Rabbit {
  private Rabbit() {}

  static Connection connect(AppArgs args, String connectionName)
      throws IOException, TimeoutException {
    return factory(args).newConnection(connectionName);
  }

  /** Like {@link #connect}, with consumers dispatched on {@code consumerThreads}. */
  static Connection connect(AppArgs args, String connectionName,
      java.util.concurrent.ExecutorService consumerThreads) throws IOException, TimeoutException {
    return factory(args).newConnection(consumerThreads, connectionName);
  }

  /**
   * Like {@link #connect}, but a consumer that throws does not close its channel: the exception
   * is printed as {@code CONSUMER-EXCEPTION <type>: <message>} and consumption goes on.
   */
  static Connection connectForgiving(AppArgs args, String connectionName)
      throws IOException, TimeoutException {
    ConnectionFactory factory = factory(args);
    factory.setExceptionHandler(new ForgivingExceptionHandler() {
      @Override
      public void handleConsumerException(Channel channel, Throwable exception,
          Consumer consumer, String consumerTag, String methodName) {
        System.out.println("CONSUMER-EXCEPTION " + exception.getClass().getName() + ": "
            + exception.getMessage());
      }
    });
    return factory.newConnection(connectionName);
  }

  /** Declares a durable queue, as every sample application does before using it. */
  static void declareQueue(Channel channel, String queue) throws IOException {
    channel.queueDeclare(queue, true, false, false, null);
  }

  private static ConnectionFactory factory(AppArgs args) {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(args.get("host", "127.0.0.1"));
    factory.setPort(args.integer("port", 5672));
    factory.setUsername(args.get("user", "guest"));
    factory.setPassword(args.get("password", "guest"));
    return factory;
  }
}
