package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The reply-queue pattern: declares a server-named exclusive queue ({@code amq.gen-...}), consumes
 * it, and publishes {@code --count} messages to it through the default exchange.
 */
public final class ReplyQueue {
  private ReplyQueue() {}

  public static void main(String[] argv) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    int count = args.integer("count", 2);
    CountDownLatch remaining = new CountDownLatch(count);
    boolean complete;
    try (Connection connection = Rabbit.connect(args, "reply-queue")) {
      Channel channel = connection.createChannel();
      String queue = channel.queueDeclare().getQueue();
      System.out.println("QUEUE " + queue);
      channel.basicConsume(queue, true, new DefaultConsumer(channel) {
        @Override
        public void handleDelivery(String consumerTag, Envelope envelope,
            AMQP.BasicProperties properties, byte[] body) {
          ConsumerRun.printReceived(properties, body);
          remaining.countDown();
        }
      });
      for (int n = 1; n <= count; n++) {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
            .messageId(args.get("id-prefix", "reply") + "-" + n).build();
        ProducerRun.publish(channel, "", queue, props,
            ("reply " + n).getBytes(StandardCharsets.UTF_8));
      }
      complete = remaining.await(args.integer("timeout-seconds", 30), TimeUnit.SECONDS);
    }
    if (!complete) {
      System.out.println("TIMEOUT");
      System.exit(2);
    }
    System.out.println("DONE " + count);
  }
}
