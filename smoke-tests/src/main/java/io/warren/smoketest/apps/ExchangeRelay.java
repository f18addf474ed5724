package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Like {@link Relay}, to an exchange: consumes {@code --count} messages from {@code --queue} and,
 * inside {@code handleDelivery}, publishes each body to {@code --exchange} with
 * {@code --routing-key}, a new message id ({@code <id>-relayed}) and a {@code relayed-by} header.
 * Prints {@code RECEIVED ...} and {@code SENT ...} for each; the caller declares the exchange and
 * binds a queue to it.
 */
public final class ExchangeRelay {
  private ExchangeRelay() {}

  public static void main(String[] args) throws Exception {
    AppArgs parsed = AppArgs.parse(args);
    String exchange = parsed.require("exchange");
    String routingKey = parsed.require("routing-key");
    ConsumerRun.run("exchange-relay", args, false, (channel, queue, delivered) ->
        channel.basicConsume(queue, false, new DefaultConsumer(channel) {
          @Override
          public void handleDelivery(String consumerTag, Envelope envelope,
              AMQP.BasicProperties properties, byte[] body) throws IOException {
            ConsumerRun.printReceived(properties, body);
            Map<String, Object> headers = new HashMap<>();
            headers.put("relayed-by", "exchange-relay");
            AMQP.BasicProperties out = new AMQP.BasicProperties.Builder()
                .messageId(properties.getMessageId() + "-relayed")
                .deliveryMode(2)
                .headers(headers)
                .build();
            getChannel().basicPublish(exchange, routingKey, out, body);
            System.out.println("SENT " + Wire.describe(out.getMessageId(), body, headers));
            getChannel().basicAck(envelope.getDeliveryTag(), false);
            delivered.run();
          }
        }));
  }
}
