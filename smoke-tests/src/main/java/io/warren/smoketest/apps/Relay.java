package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The middle service of a chain: consumes {@code --count} messages from {@code --queue} and, inside
 * {@code handleDelivery}, publishes each body to {@code --to} with a new message id
 * ({@code <id>-relayed}) and a {@code relayed-by} header. On the default exchange {@code --to} is
 * a queue, which it declares; with {@code --exchange} it is the routing key (the caller declares
 * the exchange and binds a queue to it).
 */
public final class Relay {
  private Relay() {}

  public static void main(String[] args) throws Exception {
    AppArgs parsed = AppArgs.parse(args);
    String target = parsed.require("to");
    String exchange = parsed.get("exchange", "");
    ConsumerRun.run("relay", args, false, (channel, queue, delivered) -> {
      if (exchange.isEmpty()) {
        Rabbit.declareQueue(channel, target);
      }
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
          getChannel().basicPublish(exchange, target, out, body);
          System.out.println("SENT " + Wire.describe(out.getMessageId(), body, headers));
          getChannel().basicAck(envelope.getDeliveryTag(), false);
          delivered.run();
        }
      });
    });
  }
}
