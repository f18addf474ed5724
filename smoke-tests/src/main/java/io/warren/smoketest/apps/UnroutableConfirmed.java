package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Like {@link Unroutable}, on a channel in publisher-confirm mode: publishes {@code <prefix>-1}
 * and {@code <prefix>-2} as mandatory messages to {@code --exchange} with a routing key no queue
 * is bound to and, with {@code --routed-key}, a third mandatory message {@code <prefix>-routed}
 * with that key (which the caller binds to a queue). With {@code --listen} it registers a
 * ReturnListener that prints {@code RETURNED <message id> <reply code> <body>}. It waits for the
 * broker's confirms with waitForConfirmsOrDie (the broker sends a return before its ack), prints
 * {@code CONFIRMED}, waits for both returns when listening, prints {@code DONE} and exits.
 */
public final class UnroutableConfirmed {
  private UnroutableConfirmed() {}

  public static void main(String[] args) throws Exception {
    AppArgs parsed = AppArgs.parse(args);
    String exchange = parsed.require("exchange");
    String prefix = parsed.require("id-prefix");
    String routedKey = parsed.get("routed-key", null);
    boolean listen = Boolean.parseBoolean(parsed.get("listen", "false"));
    try (Connection connection = Rabbit.connect(parsed, "unroutable-confirmed")) {
      Channel channel = connection.createChannel();
      channel.confirmSelect();
      CountDownLatch returned = new CountDownLatch(2);
      if (listen) {
        channel.addReturnListener(message -> {
          System.out.println("RETURNED " + message.getProperties().getMessageId() + " "
              + message.getReplyCode() + " "
              + new String(message.getBody(), StandardCharsets.UTF_8));
          returned.countDown();
        });
      }
      for (int n = 1; n <= 2; n++) {
        publish(channel, exchange, "nobody-listens", prefix + "-" + n);
      }
      if (routedKey != null) {
        publish(channel, exchange, routedKey, prefix + "-routed");
      }
      channel.waitForConfirmsOrDie(10_000);
      System.out.println("CONFIRMED");
      if (listen && !returned.await(30, TimeUnit.SECONDS)) {
        System.out.println("TIMEOUT " + returned.getCount() + " returns missing");
        System.exit(2);
      }
      System.out.println("DONE");
    }
  }

  private static void publish(Channel channel, String exchange, String routingKey, String id)
      throws IOException {
    channel.basicPublish(exchange, routingKey, true,
        new AMQP.BasicProperties.Builder().messageId(id).build(),
        ("body " + id).getBytes(StandardCharsets.UTF_8));
  }
}
