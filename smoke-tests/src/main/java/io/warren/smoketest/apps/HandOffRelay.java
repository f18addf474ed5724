package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A relay whose handler does not publish the follow-on message itself: it hands the publish to
 * another thread and returns (acking the delivery), as a handler that offloads its work does. The
 * n-th delivery from {@code --queue} uses the n-th way of {@code --via} (round robin):
 * {@code pool}, a fixed thread pool; {@code future}, a {@code CompletableFuture.supplyAsync}
 * stage followed by a {@code thenApplyAsync} stage on the default executor; {@code virtual}, a
 * virtual thread ({@code Thread.ofVirtual().start}, Java 21+). The follow-on goes to {@code --to}
 * with the message id {@code <id>-<way>}; the raw amqp-client API only, no tracing code.
 */
public final class HandOffRelay {
  private HandOffRelay() {}

  public static void main(String[] args) throws Exception {
    AppArgs parsed = AppArgs.parse(args);
    String target = parsed.require("to");
    List<String> ways = List.of(parsed.get("via", "pool,future").split(","));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    AtomicInteger deliveries = new AtomicInteger();
    try {
      ConsumerRun.run("hand-off-relay", args, false, (channel, queue, delivered) -> {
        Rabbit.declareQueue(channel, target);
        // Publishes come from other threads: a channel of their own, used by one at a time.
        Channel out = channel.getConnection().createChannel();
        channel.basicConsume(queue, false, new DefaultConsumer(channel) {
          @Override
          public void handleDelivery(String consumerTag, Envelope envelope,
              AMQP.BasicProperties properties, byte[] body) throws IOException {
            ConsumerRun.printReceived(properties, body);
            String way = ways.get(deliveries.getAndIncrement() % ways.size());
            String messageId = properties.getMessageId() + "-" + way;
            Runnable publish = () -> {
              publish(out, target, messageId, body);
              delivered.run();
            };
            switch (way) {
              case "pool" -> pool.submit(publish);
              case "future" -> CompletableFuture.supplyAsync(() -> body)
                  .thenApplyAsync(same -> {
                    publish.run();
                    return same;
                  });
              case "virtual" -> startVirtualThread(publish);
              default -> throw new IllegalArgumentException("unknown --via " + way);
            }
            getChannel().basicAck(envelope.getDeliveryTag(), false);
          }
        });
      });
    } finally {
      pool.shutdown();
    }
  }

  private static void publish(Channel out, String target, String messageId, byte[] body) {
    AMQP.BasicProperties properties =
        new AMQP.BasicProperties.Builder().messageId(messageId).deliveryMode(2).build();
    try {
      synchronized (out) {
        out.basicPublish("", target, properties, body);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println("SENT " + Wire.describe(messageId, body, null) + " from "
        + Thread.currentThread());
  }

  /** {@code Thread.ofVirtual().start(task)}, called reflectively: this app is built for Java 17. */
  private static void startVirtualThread(Runnable task) {
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class).invoke(builder, task);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("virtual threads need Java 21", e);
    }
  }
}
