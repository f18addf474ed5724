package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Publishes {@code <prefix>-1} and {@code <prefix>-2} as mandatory messages to
 * {@code --exchange} with a routing key no queue is bound to; with {@code --listen} it registers a
 * ReturnListener that prints {@code RETURNED <message id> <reply code> <body>}. It waits for both
 * returns (or a few seconds without a listener) and exits.
 */
public final class Unroutable {
  private Unroutable() {}

  public static void main(String[] args) throws Exception {
    AppArgs parsed = AppArgs.parse(args);
    String exchange = parsed.require("exchange");
    String prefix = parsed.require("id-prefix");
    boolean listen = Boolean.parseBoolean(parsed.get("listen", "false"));
    try (Connection connection = Rabbit.connect(parsed, "unroutable")) {
      Channel channel = connection.createChannel();
      CountDownLatch returned = new CountDownLatch(2);
      if (listen) {
        channel.addReturnListener(message -> {
          System.out.println("RETURNED " + message.getProperties().getMessageId() + " "
              + message.getReplyCode() + " " + new String(message.getBody(), StandardCharsets.UTF_8));
          returned.countDown();
        });
      }
      for (int n = 1; n <= 2; n++) {
        String id = prefix + "-" + n;
        channel.basicPublish(exchange, "nobody-listens", true,
            new AMQP.BasicProperties.Builder().messageId(id).build(),
            ("body " + id).getBytes(StandardCharsets.UTF_8));
      }
      returned.await(listen ? 30 : 3, TimeUnit.SECONDS);
      System.out.println("DONE");
    }
  }
}
