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

/**
 * Overflows a length-limited queue: publishes {@code <prefix>-1} then {@code <prefix>-2} to
 * {@code --queue}, which the caller declared with {@code x-max-length=1} (overflow drop-head) and
 * a dead-letter route to {@code --dlq}, so the broker drops the first message from the head of
 * the queue into the dead-letter queue. A consumer of the dead-letter queue prints
 * {@code DEAD <message id> <body>} and acks; after one dead message it prints {@code DONE} and
 * exits (the second message stays in {@code --queue}).
 */
public final class LengthLimited {
  private LengthLimited() {}

  public static void main(String[] args) throws Exception {
    AppArgs parsed = AppArgs.parse(args);
    String queue = parsed.require("queue");
    String dlq = parsed.require("dlq");
    String prefix = parsed.require("id-prefix");
    try (Connection connection = Rabbit.connect(parsed, "length-limited")) {
      Channel channel = connection.createChannel();
      for (int n = 1; n <= 2; n++) {
        String id = prefix + "-" + n;
        channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().messageId(id).build(),
            ("body " + id).getBytes(StandardCharsets.UTF_8));
      }

      CountDownLatch dead = new CountDownLatch(1);
      channel.basicConsume(dlq, false, new DefaultConsumer(channel) {
        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
            byte[] body) throws IOException {
          System.out.println("DEAD " + properties.getMessageId() + " "
              + new String(body, StandardCharsets.UTF_8));
          getChannel().basicAck(envelope.getDeliveryTag(), false);
          dead.countDown();
        }
      });
      System.out.println(dead.await(30, TimeUnit.SECONDS) ? "DONE" : "TIMEOUT");
    }
  }
}
