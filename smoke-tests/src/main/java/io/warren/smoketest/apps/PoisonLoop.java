package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A poison message: publishes one message, id {@code --id}, to {@code --queue}, and consumes it
 * with manual acks, nacking it with requeue {@code --nacks} times (the broker delivers it straight
 * back each time) before it acks it. Prints {@code DELIVERIES <n>} and {@code DONE}, and exits.
 */
public final class PoisonLoop {
  private PoisonLoop() {}

  public static void main(String[] argv) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    String queue = args.require("queue");
    String id = args.require("id");
    int nacks = Integer.parseInt(args.require("nacks"));
    AtomicInteger deliveries = new AtomicInteger();
    CountDownLatch acked = new CountDownLatch(1);

    try (Connection connection = Rabbit.connect(args, "poison-loop")) {
      Channel channel = connection.createChannel();
      channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().messageId(id).build(),
          "poison".getBytes(StandardCharsets.UTF_8));
      channel.basicConsume(queue, false, new DefaultConsumer(channel) {
        @Override
        public void handleDelivery(String consumerTag, Envelope envelope,
            AMQP.BasicProperties properties, byte[] body) throws IOException {
          if (deliveries.incrementAndGet() <= nacks) {
            getChannel().basicNack(envelope.getDeliveryTag(), false, true);
          } else {
            getChannel().basicAck(envelope.getDeliveryTag(), false);
            acked.countDown();
          }
        }
      });
      if (!acked.await(60, TimeUnit.SECONDS)) {
        System.out.println("TIMEOUT after " + deliveries.get() + " deliveries");
        System.exit(2);
      }
      System.out.println("DELIVERIES " + deliveries.get());
    }
    System.out.println("DONE");
  }
}
