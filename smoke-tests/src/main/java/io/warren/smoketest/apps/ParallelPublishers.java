package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code --threads} threads, each with its own channel on one connection, together publish
 * {@code --count} messages to {@code --queue}; message ids are {@code <--id-prefix>-<thread>-<n>}.
 * Each thread waits for confirms every 500 messages. Prints {@code DONE <count>}, then stays up
 * for {@code --linger-seconds} as a long-running service would.
 */
public final class ParallelPublishers {
  private ParallelPublishers() {}

  public static void main(String[] argv) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    String queue = args.require("queue");
    String idPrefix = args.require("id-prefix");
    int threads = args.integer("threads", 8);
    int count = args.integer("count", 50_000);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (Connection connection = Rabbit.connect(args, "parallel-publishers")) {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        int share = count / threads + (t < count % threads ? 1 : 0);
        results.add(pool.submit(() -> publish(connection, queue, idPrefix + "-" + thread, share)));
      }
      int published = 0;
      for (Future<Integer> result : results) {
        published += result.get();
      }
      System.out.println("DONE " + published);
      // A service keeps running after a burst; give the exporter that time too.
      Thread.sleep(args.integer("linger-seconds", 0) * 1000L);
    } finally {
      pool.shutdown();
    }
  }

  private static int publish(Connection connection, String queue, String idPrefix, int share)
      throws Exception {
    try (Channel channel = connection.createChannel()) {
      Rabbit.declareQueue(channel, queue);
      channel.confirmSelect();
      for (int n = 1; n <= share; n++) {
        channel.basicPublish("", queue, new AMQP.BasicProperties.Builder()
            .messageId(idPrefix + "-" + n).headers(Map.of("n", n)).build(),
            ("parallel " + n).getBytes(StandardCharsets.UTF_8));
        if (n % 500 == 0) {
          channel.waitForConfirmsOrDie(30_000);
        }
      }
      channel.waitForConfirmsOrDie(30_000);
    }
    return share;
  }
}
