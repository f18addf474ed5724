package io.warren.smoketest.harness;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * The RabbitMQ broker on 127.0.0.1:5672 (guest/guest), or another AMQP broker on another port
 * such as the demo's embedded one, from the test's side: declares uniquely named queues the sample
 * applications then use, and deletes them on close.
 */
public final class Broker implements AutoCloseable {
  public static final String HOST = "127.0.0.1";
  public static final int PORT = 5672;

  private final Connection connection;
  private final Channel channel;
  private final List<String> declared = new ArrayList<>();
  private final List<String> declaredExchanges = new ArrayList<>();

  private Broker(Connection connection) throws IOException {
    this.connection = connection;
    this.channel = connection.createChannel();
  }

  public static ConnectionFactory connectionFactory() {
    return connectionFactory(PORT);
  }

  /** Like {@link #connectionFactory()}, for a broker on 127.0.0.1:{@code port}. */
  public static ConnectionFactory connectionFactory(int port) {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(HOST);
    factory.setPort(port);
    factory.setUsername("guest");
    factory.setPassword("guest");
    factory.setConnectionTimeout(5000);
    return factory;
  }

  public static Broker connect() {
    return connect(PORT);
  }

  /** Connects to the broker on 127.0.0.1:{@code port}. */
  public static Broker connect(int port) {
    try {
      return new Broker(connectionFactory(port).newConnection("warren-smoke-harness"));
    } catch (IOException | TimeoutException e) {
      throw new IllegalStateException("No AMQP broker is reachable on " + HOST + ":" + port
          + " (run smoke-tests/ensure-rabbitmq.sh)", e);
    }
  }

  /** A new durable queue named {@code prefix-<random>}, deleted when this broker closes. */
  public String freshQueue(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    declareDurable(name, true);
    return name;
  }

  /**
   * A new durable queue named {@code prefix-<random>} declared with {@code arguments} (such as
   * {@code x-dead-letter-exchange}), deleted when this broker closes.
   */
  public String freshQueue(String prefix, Map<String, Object> arguments) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    io(() -> channel.queueDeclare(name, true, false, false, arguments));
    declared.add(name);
    return name;
  }

  /** A new durable exchange of {@code type} named {@code prefix-<random>}, deleted on close. */
  public String freshExchange(String prefix, String type) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    io(() -> channel.exchangeDeclare(name, type, true));
    declaredExchanges.add(name);
    return name;
  }

  /** One message from {@code queue} with {@code basicGet} (acknowledged), or null if it is empty. */
  public GetResponse get(String queue) {
    try {
      return channel.basicGet(queue, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Declares a durable, non-exclusive queue as the sample applications do; with
   * {@code deleteOnClose} it is deleted when this broker closes.
   */
  public void declareDurable(String queue, boolean deleteOnClose) {
    io(() -> channel.queueDeclare(queue, true, false, false, null));
    if (deleteOnClose) {
      declared.add(queue);
    }
  }

  public void bind(String queue, String exchange, String routingKey) {
    io(() -> channel.queueBind(queue, exchange, routingKey));
  }

  public void purge(String queue) {
    io(() -> channel.queuePurge(queue));
  }

  /**
   * Whether the broker has a queue of this name (asked on a channel of its own, since the broker
   * closes the channel when there is none).
   */
  public boolean queueExists(String queue) {
    try {
      Channel probe = connection.createChannel();
      try {
        probe.queueDeclarePassive(queue);
        return true;
      } finally {
        if (probe.isOpen()) {
          probe.close();
        }
      }
    } catch (IOException e) {
      return false;
    } catch (TimeoutException e) {
      throw new IllegalStateException("closing a channel timed out", e);
    }
  }

  /** Ready (not yet delivered) messages in a queue. */
  public long messageCount(String queue) {
    try {
      return channel.messageCount(queue);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      for (String queue : declared) {
        channel.queueDelete(queue);
      }
      for (String exchange : declaredExchanges) {
        channel.exchangeDelete(exchange);
      }
      connection.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private interface IoAction {
    Object run() throws IOException;
  }

  private static void io(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
