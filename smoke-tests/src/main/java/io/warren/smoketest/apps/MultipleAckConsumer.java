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
 * Settles deliveries ten at a time with {@code multiple=true}, as PerfTest's {@code -A 10} does.
 * It publishes 31 messages to {@code --queue}, message ids {@code <--id-prefix>-1} to {@code -31},
 * and consumes them on one channel with manual acks, so the n-th message has delivery tag n:
 * <ul>
 *   <li>1 to 10: the handler of the 10th acks it with multiple=true (1 to 9 had returned);
 *   <li>11 to 20: nobody settles them in their handler; the handler of the 21st acks 20 with
 *       multiple=true;
 *   <li>21 to 30: the handler of the 31st nacks 30 with multiple=true, without requeue;
 *   <li>31: acked alone in its handler.
 * </ul>
 * It prints {@code SETTLED <ack|nack> <tag> multiple=<bool>} after each settle, {@code TAG-MISMATCH}
 * if a message did not get the tag its number says, then {@code DONE}, and exits.
 */
public final class MultipleAckConsumer {
  static final int MESSAGES = 31;

  private MultipleAckConsumer() {}

  public static void main(String[] argv) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    String queue = args.require("queue");
    String prefix = args.require("id-prefix");
    CountDownLatch done = new CountDownLatch(MESSAGES);

    try (Connection connection = Rabbit.connect(args, "multiple-ack-consumer")) {
      Channel publisher = connection.createChannel();
      for (int n = 1; n <= MESSAGES; n++) {
        String messageId = prefix + "-" + n;
        publisher.basicPublish("", queue,
            new AMQP.BasicProperties.Builder().messageId(messageId).build(),
            ("ack me: " + messageId).getBytes(StandardCharsets.UTF_8));
      }

      Channel work = connection.createChannel();
      work.basicQos(MESSAGES);
      work.basicConsume(queue, false, new DefaultConsumer(work) {
        @Override
        public void handleDelivery(String consumerTag, Envelope envelope,
            AMQP.BasicProperties properties, byte[] body) throws IOException {
          long n = Long.parseLong(properties.getMessageId().substring(prefix.length() + 1));
          long tag = envelope.getDeliveryTag();
          if (tag != n) {
            System.out.println("TAG-MISMATCH message " + n + " tag " + tag);
          }
          Channel channel = getChannel();
          if (tag == 10) {
            settle(channel, "ack", 10, true);
          } else if (tag == 21) {
            settle(channel, "ack", 20, true);
          } else if (tag == 31) {
            settle(channel, "nack", 30, true);
            settle(channel, "ack", 31, false);
          }
          done.countDown();
        }
      });

      if (!done.await(30, TimeUnit.SECONDS)) {
        System.out.println("TIMEOUT " + done.getCount() + " messages not delivered");
        System.exit(2);
      }
      work.close();
    }
    System.out.println("DONE");
  }

  private static void settle(Channel channel, String outcome, long tag, boolean multiple)
      throws IOException {
    if (outcome.equals("ack")) {
      channel.basicAck(tag, multiple);
    } else {
      channel.basicNack(tag, multiple, false);
    }
    System.out.println("SETTLED " + outcome + " " + tag + " multiple=" + multiple);
  }
}
