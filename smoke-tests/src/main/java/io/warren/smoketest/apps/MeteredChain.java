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
 * The three services of the metrics workload, one per {@code --role}, each staying up after its
 * work (printing {@code DONE}) until its standard input ends, so that its last counts can still be
 * scraped:
 * <ul>
 *   <li>{@code origin}: publishes {@code --count} messages ({@code <--id-prefix>-<n>}) to
 *       {@code --queue} with publisher confirms;
 *   <li>{@code relay}: waits {@code --hold-millis} before consuming {@code --queue}; each handler
 *       call sleeps {@code --handle-millis}, then rejects message {@code n} without requeue when
 *       {@code n} is a multiple of {@code --reject-every}, and otherwise publishes it to
 *       {@code --to} and acks it;
 *   <li>{@code sink}: consumes {@code --queue} and {@code --dlq} and acks everything.
 * </ul>
 * The caller declares the queues. Every role exits with code 2 if its work is not done within
 * {@code --timeout-seconds}.
 */
public final class MeteredChain {
  private MeteredChain() {}

  public static void main(String[] argv) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    String role = args.require("role");
    int count = args.integer("count", 300);
    CountDownLatch remaining = new CountDownLatch(count);
    try (Connection connection = Rabbit.connect(args, role)) {
      Channel channel = connection.createChannel();
      switch (role) {
        case "origin" -> publish(channel, args, count, remaining);
        case "relay" -> relay(channel, args, remaining);
        case "sink" -> sink(channel, args, remaining);
        default -> throw new IllegalArgumentException("unknown --role=" + role);
      }
      if (!remaining.await(args.integer("timeout-seconds", 60), TimeUnit.SECONDS)) {
        System.out.println("TIMEOUT " + remaining.getCount() + " of " + count + " left");
        System.exit(2);
      }
      System.out.println("DONE " + count);
      ConsumerRun.awaitEndOfInput();
    }
  }

  private static void publish(Channel channel, AppArgs args, int count, CountDownLatch sent)
      throws Exception {
    String queue = args.require("queue");
    String prefix = args.require("id-prefix");
    channel.confirmSelect();
    for (int n = 1; n <= count; n++) {
      AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
          .messageId(prefix + "-" + n).deliveryMode(2).build();
      channel.basicPublish("", queue, props, ("message " + n).getBytes(StandardCharsets.UTF_8));
      sent.countDown();
    }
    channel.waitForConfirmsOrDie(30_000);
  }

  private static void relay(Channel channel, AppArgs args, CountDownLatch handled)
      throws Exception {
    String target = args.require("to");
    long handleMillis = args.integer("handle-millis", 20);
    int rejectEvery = args.integer("reject-every", 10);
    Thread.sleep(args.integer("hold-millis", 0));
    channel.basicQos(10);
    channel.basicConsume(args.require("queue"), false, new DefaultConsumer(channel) {
      @Override
      public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
          byte[] body) throws IOException {
        sleep(handleMillis);
        long deliveryTag = envelope.getDeliveryTag();
        if (sequenceNumber(properties.getMessageId()) % rejectEvery == 0) {
          getChannel().basicReject(deliveryTag, false);
        } else {
          getChannel().basicPublish("", target, new AMQP.BasicProperties.Builder()
              .messageId(properties.getMessageId() + "-relayed").deliveryMode(2).build(), body);
          getChannel().basicAck(deliveryTag, false);
        }
        handled.countDown();
      }
    });
  }

  private static void sink(Channel channel, AppArgs args, CountDownLatch received)
      throws IOException {
    channel.basicQos(10);
    DefaultConsumer acking = new DefaultConsumer(channel) {
      @Override
      public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
          byte[] body) throws IOException {
        getChannel().basicAck(envelope.getDeliveryTag(), false);
        received.countDown();
      }
    };
    channel.basicConsume(args.require("queue"), false, acking);
    channel.basicConsume(args.require("dlq"), false, acking);
  }

  /** {@code n} of a message id {@code <prefix>-<n>}. */
  private static int sequenceNumber(String messageId) {
    return Integer.parseInt(messageId.substring(messageId.lastIndexOf('-') + 1));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
