package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes {@code --id} to {@code --exchange}, which does not exist, on a channel in
 * publisher-confirm mode when {@code --confirms=true}. The broker refuses it by closing the
 * channel; the application notices only through the channel's shutdown, prints
 * {@code CLOSED <reply code> <reply text>} and exits. The message is gone.
 */
public final class RefusedPublish {
  private RefusedPublish() {}

  public static void main(String[] args) throws Exception {
    AppArgs parsed = AppArgs.parse(args);
    String exchange = parsed.require("exchange");
    String id = parsed.require("id");
    boolean confirms = Boolean.parseBoolean(parsed.get("confirms", "false"));
    try (Connection connection = Rabbit.connect(parsed, "refused-publish")) {
      Channel channel = connection.createChannel();
      if (confirms) {
        channel.confirmSelect();
      }
      CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
      channel.addShutdownListener(closed::complete);
      channel.basicPublish(exchange, "orders.created", false,
          new AMQP.BasicProperties.Builder().messageId(id).build(),
          "order".getBytes(StandardCharsets.UTF_8));
      ShutdownSignalException cause = closed.get(30, TimeUnit.SECONDS);
      AMQP.Channel.Close close = (AMQP.Channel.Close) cause.getReason();
      System.out.println("CLOSED " + close.getReplyCode() + " " + close.getReplyText());
    }
  }
}
