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
 * Two ways to the dead-letter queue {@code --dlq}: a poison message ({@code <prefix>-poison})
 * published to {@code --work}, whose consumer rejects it without requeue, and a message
 * ({@code <prefix>-expired}) published to {@code --parking}, which nobody consumes and whose
 * per-message TTL expires. Both queues dead-letter to the default exchange with routing key
 * {@code --dlq} (the caller declares the three queues). A consumer of the dead-letter queue prints
 * {@code DEAD <message id>} for each.
 */
public final class DeadLetters {
  private DeadLetters() {}

  public static void main(String[] args) throws Exception {
    AppArgs parsed = AppArgs.parse(args);
    String work = parsed.require("work");
    String parking = parsed.require("parking");
    String dlq = parsed.require("dlq");
    String prefix = parsed.require("id-prefix");
    try (Connection connection = Rabbit.connect(parsed, "dead-letters")) {
      Channel channel = connection.createChannel();

      CountDownLatch dead = new CountDownLatch(2);
      channel.basicConsume(dlq, false, new DefaultConsumer(channel) {
        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
            byte[] body) throws java.io.IOException {
          System.out.println("DEAD " + properties.getMessageId() + " "
              + new String(body, StandardCharsets.UTF_8));
          getChannel().basicAck(envelope.getDeliveryTag(), false);
          dead.countDown();
        }
      });
      channel.basicConsume(work, false, new DefaultConsumer(channel) {
        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
            byte[] body) throws java.io.IOException {
          System.out.println("REJECTING " + properties.getMessageId());
          getChannel().basicReject(envelope.getDeliveryTag(), false);
        }
      });

      channel.basicPublish("", work, new AMQP.BasicProperties.Builder()
          .messageId(prefix + "-poison").build(), "poison".getBytes(StandardCharsets.UTF_8));
      channel.basicPublish("", parking, new AMQP.BasicProperties.Builder()
          .messageId(prefix + "-expired").expiration("200").build(),
          "expired".getBytes(StandardCharsets.UTF_8));
      System.out.println(dead.await(30, TimeUnit.SECONDS) ? "DONE" : "TIMEOUT");
    }
  }
}
