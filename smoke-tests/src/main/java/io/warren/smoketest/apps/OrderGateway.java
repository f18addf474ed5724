package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP front door (see {@link HttpApp}): {@code GET /orders/<id>} publishes the order to
 * {@code --queue} (message id {@code order-<id>}, printed as {@code SENT ...}) and answers 200
 * {@code accepted <id>}. The ids {@code missing} (404), {@code fail} (500) and {@code throw} (the
 * handler throws) publish nothing.
 */
public final class OrderGateway {
  private OrderGateway() {}

  public static void main(String[] argv) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    String queue = args.require("queue");
    try (Connection connection = Rabbit.connect(args, "order-gateway")) {
      Channel channel = connection.createChannel();
      Rabbit.declareQueue(channel, queue);
      HttpApp.serve(args, "/orders/", exchange -> {
        String id = HttpApp.lastSegment(exchange);
        switch (id) {
          case "missing" -> HttpApp.respond(exchange, 404, "no order " + id + "\n");
          case "fail" -> HttpApp.respond(exchange, 500, "failed\n");
          case "throw" -> throw new IllegalStateException("the handler failed");
          default -> {
            byte[] body = ("order " + id).getBytes(StandardCharsets.UTF_8);
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .messageId("order-" + id).deliveryMode(2).build();
            synchronized (channel) {
              channel.basicPublish("", queue, props, body);
            }
            System.out.println("SENT " + Wire.describe(props.getMessageId(), body, null));
            HttpApp.respond(exchange, 200, "accepted " + id + "\n");
          }
        }
      });
    }
  }
}
