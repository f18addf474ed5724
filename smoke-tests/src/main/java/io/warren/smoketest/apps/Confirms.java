package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Publishes {@code --count} messages to {@code --queue} on the default exchange, or to
 * {@code --exchange} with {@code --routing-key}, each with message id {@code <--id-prefix>-<n>} and
 * the headers and body of {@link ItemSubscriptions}, printing {@code SENT <Wire description>} for
 * each. It declares nothing: the caller declares the queue (with whatever arguments it needs). How
 * it waits for the broker's publisher confirms depends on {@code --confirm}:
 * <ul>
 *   <li>{@code none}: no confirm mode at all; it just publishes.
 *   <li>{@code wait-or-die}: confirmSelect, then waitForConfirmsOrDie; prints {@code CONFIRMED}.
 *   <li>{@code wait}: confirmSelect, then waitForConfirms; prints {@code ALL-ACKED true|false}.
 *   <li>{@code listener}: confirmSelect and a {@link ConfirmListener};
 *   <li>{@code callback}: confirmSelect and a pair of ConfirmCallback lambdas
 *       ({@code addConfirmListener(ack, nack)}).
 * </ul>
 * With {@code listener} or {@code callback} the application tracks its outstanding publish
 * sequence numbers the usual way (a confirm with multiple=true settles every earlier one too) and
 * prints one line per publish as its confirm arrives: {@code ACKED <seq> <message id> <multiple>}
 * or {@code NACKED <seq> <message id> <multiple>}, {@code <multiple>} being the flag of the
 * confirm that settled it; with {@code --also-wait} it calls waitForConfirms too (prints
 * {@code ALL-ACKED true|false}). It waits until every publish is confirmed or the broker closes
 * the channel (prints {@code CHANNEL-CLOSED <reply code>}, as for a publish to an exchange that
 * does not exist), then prints {@code DONE} and exits.
 */
public final class Confirms {
  private Confirms() {}

  public static void main(String[] argv) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    String exchange = args.get("exchange", "");
    String routingKey = exchange.isEmpty() ? args.require("queue") : args.require("routing-key");
    String prefix = args.require("id-prefix");
    int count = args.integer("count", 3);
    String confirm = args.get("confirm", "wait-or-die");
    boolean alsoWait = Boolean.parseBoolean(args.get("also-wait", "false"));

    try (Connection connection = Rabbit.connect(args, "confirms")) {
      Channel channel = connection.createChannel();
      Outstanding outstanding = new Outstanding(count);
      channel.addShutdownListener(cause -> {
        if (!cause.isInitiatedByApplication()) {
          Object reason = cause.getReason();
          System.out.println("CHANNEL-CLOSED " + (reason instanceof AMQP.Channel.Close close
              ? close.getReplyCode() : reason));
          outstanding.abandon();
        }
      });
      switch (confirm) {
        case "none" -> { }
        case "wait-or-die", "wait" -> channel.confirmSelect();
        case "listener" -> {
          channel.confirmSelect();
          channel.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long deliveryTag, boolean multiple) {
              outstanding.confirmed("ACKED", deliveryTag, multiple);
            }

            @Override
            public void handleNack(long deliveryTag, boolean multiple) {
              outstanding.confirmed("NACKED", deliveryTag, multiple);
            }
          });
        }
        case "callback" -> {
          channel.confirmSelect();
          channel.addConfirmListener(
              (deliveryTag, multiple) -> outstanding.confirmed("ACKED", deliveryTag, multiple),
              (deliveryTag, multiple) -> outstanding.confirmed("NACKED", deliveryTag, multiple));
        }
        default -> throw new IllegalArgumentException("--confirm=" + confirm);
      }

      for (int n = 1; n <= count; n++) {
        String messageId = prefix + "-" + n;
        if (!"none".equals(confirm)) {
          outstanding.add(channel.getNextPublishSeqNo(), messageId);
        }
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
            .messageId(messageId)
            .contentType("application/json")
            .deliveryMode(2)
            .headers(ItemSubscriptions.headers(n))
            .build();
        ProducerRun.publish(channel, exchange, routingKey, props, ItemSubscriptions.body(n));
      }

      switch (confirm) {
        case "wait-or-die" -> {
          channel.waitForConfirmsOrDie(10_000);
          System.out.println("CONFIRMED");
        }
        case "wait" -> System.out.println("ALL-ACKED " + channel.waitForConfirms(10_000));
        case "listener", "callback" -> {
          if (alsoWait) {
            System.out.println("ALL-ACKED " + channel.waitForConfirms(10_000));
          }
          if (!outstanding.await(30)) {
            System.out.println("TIMEOUT " + outstanding.remaining() + " unconfirmed");
            System.exit(2);
          }
        }
        default -> { }
      }
      if (channel.isOpen()) {
        channel.close();
      }
    }
    System.out.println("DONE");
  }

  /** Publish sequence numbers not confirmed yet, and their message ids. */
  private static final class Outstanding {
    private final ConcurrentNavigableMap<Long, String> bySeq = new ConcurrentSkipListMap<>();
    private final CountDownLatch settled;
    private final CountDownLatch abandoned = new CountDownLatch(1);

    Outstanding(int count) {
      this.settled = new CountDownLatch(count);
    }

    void add(long seq, String messageId) {
      bySeq.put(seq, messageId);
    }

    synchronized void confirmed(String outcome, long deliveryTag, boolean multiple) {
      Map<Long, String> covered = multiple
          ? bySeq.headMap(deliveryTag, true)
          : bySeq.subMap(deliveryTag, true, deliveryTag, true);
      List<Map.Entry<Long, String>> entries = new ArrayList<>(covered.entrySet());
      for (Map.Entry<Long, String> entry : entries) {
        bySeq.remove(entry.getKey());
        System.out.println(
            outcome + " " + entry.getKey() + " " + entry.getValue() + " " + multiple);
        settled.countDown();
      }
    }

    void abandon() {
      abandoned.countDown();
    }

    /** Until every publish is confirmed (true) or the channel was closed under it. */
    boolean await(int seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < deadline) {
        if (settled.await(50, TimeUnit.MILLISECONDS) || abandoned.getCount() == 0) {
          return true;
        }
      }
      return false;
    }

    long remaining() {
      return settled.getCount();
    }
  }
}
