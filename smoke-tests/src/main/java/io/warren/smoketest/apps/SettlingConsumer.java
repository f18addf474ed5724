package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every way a consumer can settle a delivery. It publishes one message per scenario to
 * {@code --queue}, message id {@code <--id-prefix>-<scenario>}, and one, {@code <prefix>-auto}, to
 * {@code --auto-queue}; then consumes {@code --queue} with manual acks and {@code --auto-queue}
 * with auto-ack, each on its own channel. The scenarios:
 * <ul>
 *   <li>{@code ack-handler}, {@code nack-handler}, {@code reject-handler}: settled inside
 *       handleDelivery (nack and reject without requeue);
 *   <li>{@code ack-later}, {@code nack-later}, {@code reject-later}: handleDelivery hands the
 *       delivery tag to a single-thread executor that settles it 100 ms later, after the handler
 *       returned (nack and reject without requeue);
 *   <li>{@code requeue-handler}: rejected with requeue inside the handler; its redelivery is acked
 *       inside the handler;
 *   <li>{@code requeue-later}: nacked with requeue by the executor; its redelivery is acked by the
 *       executor;
 *   <li>{@code unsettled}: never settled; the application closes the channel with it unsettled.
 * </ul>
 * It prints {@code SETTLED <scenario> <ack|nack|reject> requeue=<bool> redelivered=<bool>
 * <handler|later>} after each settle, {@code UNSETTLED <scenario>} and {@code AUTO <scenario>}
 * for the other two, and once every scenario is done it closes the manual-ack channel, prints
 * {@code CLOSED}, then {@code DONE}, and exits.
 */
public final class SettlingConsumer {
  /** The scenarios of the manual-ack queue, one message each. */
  static final List<String> SCENARIOS = List.of(
      "ack-handler", "nack-handler", "reject-handler",
      "ack-later", "nack-later", "reject-later",
      "requeue-handler", "requeue-later", "unsettled");

  private SettlingConsumer() {}

  public static void main(String[] argv) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    String queue = args.require("queue");
    String autoQueue = args.require("auto-queue");
    String prefix = args.require("id-prefix");
    ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    CountDownLatch done = new CountDownLatch(SCENARIOS.size() + 1);

    try (Connection connection = Rabbit.connect(args, "settling-consumer")) {
      Channel publisher = connection.createChannel();
      for (String scenario : SCENARIOS) {
        publish(publisher, queue, prefix + "-" + scenario);
      }
      publish(publisher, autoQueue, prefix + "-auto");

      Channel work = connection.createChannel();
      work.basicConsume(queue, false, new DefaultConsumer(work) {
        @Override
        public void handleDelivery(String consumerTag, Envelope envelope,
            AMQP.BasicProperties properties, byte[] body) throws IOException {
          String scenario = properties.getMessageId().substring(prefix.length() + 1);
          long tag = envelope.getDeliveryTag();
          boolean redelivered = envelope.isRedeliver();
          Channel channel = getChannel();
          switch (scenario) {
            case "ack-handler" -> {
              channel.basicAck(tag, false);
              settled(scenario, "ack", false, redelivered, "handler", done);
            }
            case "nack-handler" -> {
              channel.basicNack(tag, false, false);
              settled(scenario, "nack", false, redelivered, "handler", done);
            }
            case "reject-handler" -> {
              channel.basicReject(tag, false);
              settled(scenario, "reject", false, redelivered, "handler", done);
            }
            case "ack-later" -> later.schedule(io(() -> {
              channel.basicAck(tag, false);
              settled(scenario, "ack", false, redelivered, "later", done);
            }), 100, TimeUnit.MILLISECONDS);
            case "nack-later" -> later.schedule(io(() -> {
              channel.basicNack(tag, false, false);
              settled(scenario, "nack", false, redelivered, "later", done);
            }), 100, TimeUnit.MILLISECONDS);
            case "reject-later" -> later.schedule(io(() -> {
              channel.basicReject(tag, false);
              settled(scenario, "reject", false, redelivered, "later", done);
            }), 100, TimeUnit.MILLISECONDS);
            case "requeue-handler" -> {
              if (redelivered) {
                channel.basicAck(tag, false);
                settled(scenario, "ack", false, true, "handler", done);
              } else {
                channel.basicReject(tag, true);
                settled(scenario, "reject", true, false, "handler", null);
              }
            }
            case "requeue-later" -> later.schedule(io(() -> {
              if (redelivered) {
                channel.basicAck(tag, false);
                settled(scenario, "ack", false, true, "later", done);
              } else {
                channel.basicNack(tag, false, true);
                settled(scenario, "nack", true, false, "later", null);
              }
            }), 100, TimeUnit.MILLISECONDS);
            case "unsettled" -> {
              System.out.println("UNSETTLED " + scenario);
              done.countDown();
            }
            default -> throw new IllegalStateException("unknown scenario " + scenario);
          }
        }
      });

      Channel auto = connection.createChannel();
      auto.basicConsume(autoQueue, true, new DefaultConsumer(auto) {
        @Override
        public void handleDelivery(String consumerTag, Envelope envelope,
            AMQP.BasicProperties properties, byte[] body) {
          System.out.println("AUTO " + properties.getMessageId().substring(prefix.length() + 1));
          done.countDown();
        }
      });

      if (!done.await(30, TimeUnit.SECONDS)) {
        System.out.println("TIMEOUT " + done.getCount() + " scenarios not done");
        System.exit(2);
      }
      later.shutdown();
      later.awaitTermination(5, TimeUnit.SECONDS);
      work.close();
      System.out.println("CLOSED");
    }
    System.out.println("DONE");
  }

  private static void publish(Channel channel, String queue, String messageId)
      throws IOException {
    channel.basicPublish("", queue,
        new AMQP.BasicProperties.Builder().messageId(messageId).build(),
        ("settle me: " + messageId).getBytes(StandardCharsets.UTF_8));
  }

  private static void settled(String scenario, String outcome, boolean requeue,
      boolean redelivered, String where, CountDownLatch done) {
    System.out.println("SETTLED " + scenario + " " + outcome + " requeue=" + requeue
        + " redelivered=" + redelivered + " " + where);
    if (done != null) {
      done.countDown();
    }
  }

  private interface IoAction {
    void run() throws IOException;
  }

  /** A settle for the executor; a failure is printed ({@code SETTLE-FAILED ...}), not lost. */
  private static Runnable io(IoAction action) {
    return () -> {
      try {
        action.run();
      } catch (IOException | RuntimeException e) {
        System.out.println("SETTLE-FAILED " + e);
      }
    };
  }
}
