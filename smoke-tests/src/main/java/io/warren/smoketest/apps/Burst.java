package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Publishes a burst of {@code --count} messages to {@code --queue} as fast as it can and consumes
 * them in the same process (its own connection, auto-ack). Prints the slowest single
 * {@code basicPublish} ({@code MAX-PUBLISH-MS}), how many distinct messages arrived
 * ({@code DELIVERED}), the heap still used after GC ({@code HEAP-USED-BYTES}) and {@code DONE};
 * exits 2 if not all messages arrived within {@code --timeout-seconds}.
 */
public final class Burst {
  private Burst() {}

  public static void main(String[] argv) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    String queue = args.require("queue");
    int count = args.integer("count", 40_000);
    String idPrefix = args.get("id-prefix", "burst");
    Set<String> delivered = ConcurrentHashMap.newKeySet();
    CountDownLatch all = new CountDownLatch(count);
    long maxPublishNanos = 0;
    boolean complete;
    try (Connection consuming = Rabbit.connect(args, "burst-consumer");
        Connection publishing = Rabbit.connect(args, "burst-producer")) {
      Channel in = consuming.createChannel();
      Rabbit.declareQueue(in, queue);
      DeliverCallback onDelivery = (tag, delivery) -> {
        if (delivered.add(delivery.getProperties().getMessageId())) {
          all.countDown();
        }
      };
      in.basicConsume(queue, true, onDelivery, tag -> { });
      Channel out = publishing.createChannel();
      out.confirmSelect();
      byte[] body = "x".repeat(100).getBytes(StandardCharsets.UTF_8);
      for (int n = 1; n <= count; n++) {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
            .messageId(idPrefix + "-" + n).headers(Map.of("n", n)).build();
        long start = System.nanoTime();
        out.basicPublish("", queue, props, body);
        maxPublishNanos = Math.max(maxPublishNanos, System.nanoTime() - start);
        if (n % 1000 == 0) {
          out.waitForConfirmsOrDie(30_000);
        }
      }
      out.waitForConfirmsOrDie(30_000);
      System.out.println("PUBLISHED " + count);
      complete = all.await(args.integer("timeout-seconds", 120), TimeUnit.SECONDS);
    }
    System.out.println("MAX-PUBLISH-MS " + TimeUnit.NANOSECONDS.toMillis(maxPublishNanos));
    System.out.println("DELIVERED " + delivered.size());
    HeapReport.print();
    if (!complete) {
      System.out.println("TIMEOUT");
      System.exit(2);
    }
    System.out.println("DONE");
  }
}
