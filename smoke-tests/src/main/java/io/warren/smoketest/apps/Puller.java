package io.warren.smoketest.apps;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

/**
 * Polls with {@code basicGet}: first once on {@code --empty-queue} (expected empty, prints
 * {@code EMPTY <queue>}), then on {@code --queue} until one message arrives (prints
 * {@code RECEIVED ...}) or {@code --timeout-seconds} pass (exit code 2).
 */
public final class Puller {
  private Puller() {}

  public static void main(String[] argv) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    String queue = args.require("queue");
    String emptyQueue = args.require("empty-queue");
    long deadline = System.nanoTime() + args.integer("timeout-seconds", 10) * 1_000_000_000L;
    GetResponse got;
    try (Connection connection = Rabbit.connect(args, "puller")) {
      Channel channel = connection.createChannel();
      Rabbit.declareQueue(channel, queue);
      Rabbit.declareQueue(channel, emptyQueue);
      GetResponse nothing = channel.basicGet(emptyQueue, true);
      System.out.println(nothing == null ? "EMPTY " + emptyQueue : "UNEXPECTED message");
      do {
        got = channel.basicGet(queue, false);
        if (got != null) {
          ConsumerRun.printReceived(got.getProps(), got.getBody());
          channel.basicAck(got.getEnvelope().getDeliveryTag(), false);
        } else {
          Thread.sleep(100);
        }
      } while (got == null && System.nanoTime() < deadline);
    }
    if (got == null) {
      System.out.println("TIMEOUT nothing on " + queue);
      System.exit(2);
    }
    System.out.println("DONE");
  }
}
