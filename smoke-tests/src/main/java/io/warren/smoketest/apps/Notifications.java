package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;

/**
 * Consumes {@code --count} messages from {@code --queue} with a {@link DefaultConsumer} subclass
 * and manual acks, printing each one ({@code RECEIVED <id> <body base64> <headers>}), then exits.
 */
public final class Notifications {
  private Notifications() {}

  public static void main(String[] args) throws Exception {
    ConsumerRun.run("notifications", args, false, (channel, queue, delivered) ->
        channel.basicConsume(queue, false, new NotificationConsumer(channel, delivered)));
  }

  static final class NotificationConsumer extends DefaultConsumer {
    private final Runnable delivered;

    NotificationConsumer(Channel channel, Runnable delivered) {
      super(channel);
      this.delivered = delivered;
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope,
        AMQP.BasicProperties properties, byte[] body) throws IOException {
      ConsumerRun.printReceived(properties, body);
      getChannel().basicAck(envelope.getDeliveryTag(), false);
      delivered.run();
    }
  }
}
