package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The middle service of a chain: consumes {@code --count} messages from {@code --queue} and, inside
 * {@code handleDelivery}, publishes each body to {@code --to} (default exchange) with a new message
 * id ({@code <id>-relayed}) and a {@code relayed-by} header.
 */
public final class Relay {
  private Relay() {}

  public static void main(String[] args) throws Exception {
    String target = AppArgs.parse(args).require("to");
    ConsumerRun.run("relay", args, false, (channel, queue, delivered) -> {
      Rabbit.declareQueue(channel, target);
      channel.basicConsume(queue, false, new DefaultConsumer(channel) {
        @Override
        public void handleDelivery(String consumerTag, Envelope envelope,
            AMQP.BasicProperties properties, byte[] body) throws IOException {
          ConsumerRun.printReceived(properties, body);
          Map<String, Object> headers = new HashMap<>();
          headers.put("relayed-by", "relay");
          AMQP.BasicProperties out = new AMQP.BasicProperties.Builder()
              .messageId(properties.getMessageId() + "-relayed")
              .deliveryMode(2)
              .headers(headers)
              .build();
          getChannel().basicPublish("", target, out, body);
          System.out.println("SENT " + Wire.describe(out.getMessageId(), body, headers));
          getChannel().basicAck(envelope.getDeliveryTag(), false);
          delivered.run();
        }
      });
    });
  }
}
