package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's item-subscriptions service as the customer reaches it (see {@link HttpApp}):
 * {@code POST /subscriptions} with a JSON body publishes that body to {@code --queue} (persistent,
 * message id {@code subscription-<n>}, printed as {@code SENT ...}) and answers 202
 * {@code subscribed subscription-<n>}; any other method is answered 405 and publishes nothing.
 */
public final class SubscriptionApi {
  private SubscriptionApi() {}

  public static void main(String[] argv) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    String queue = args.get("queue", "task_queue");
    AtomicInteger subscriptions = new AtomicInteger();
    try (Connection connection = Rabbit.connect(args, "item-subscriptions")) {
      Channel channel = connection.createChannel();
      Rabbit.declareQueue(channel, queue);
      HttpApp.serve(args, "/subscriptions", exchange -> {
        if (!exchange.getRequestMethod().equals("POST")) {
          HttpApp.respond(exchange, 405, "POST a subscription\n");
          return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
          body = in.readAllBytes();
        }
        String id = "subscription-" + subscriptions.incrementAndGet();
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
            .messageId(id).contentType("application/json").deliveryMode(2).build();
        synchronized (channel) {
          channel.basicPublish("", queue, props, body);
        }
        System.out.println("SENT " + Wire.describe(id, body, null));
        HttpApp.respond(exchange, 202, "subscribed " + id + "\n");
      });
    }
  }
}
