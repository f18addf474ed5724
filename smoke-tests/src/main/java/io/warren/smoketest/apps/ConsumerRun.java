package io.warren.smoketest.apps;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The shared life of the consuming sample applications: connect, declare {@code --queue}, start
 * consuming, wait until {@code --count} deliveries arrived (or {@code --timeout-seconds} passed,
 * then exit with code 2), close and return normally; with {@code --linger}, only once standard
 * input ends.
 */
final class ConsumerRun {
  private ConsumerRun() {}

  /** Registers the application's consumer; calls {@code delivered} once per delivery. */
  interface Setup {
    void start(Channel channel, String queue, Runnable delivered) throws IOException;
  }

  static void run(String appName, String[] argv, boolean forgiving, Setup setup) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    String queue = args.get("queue", "task_queue");
    int count = args.integer("count", 3);
    int timeoutSeconds = args.integer("timeout-seconds", 30);
    CountDownLatch remaining = new CountDownLatch(count);
    boolean complete;
    try (Connection connection = forgiving
        ? Rabbit.connectForgiving(args, appName)
        : Rabbit.connect(args, appName)) {
      Channel channel = connection.createChannel();
      Rabbit.declareQueue(channel, queue);
      channel.basicQos(10);
      setup.start(channel, queue, remaining::countDown);
      System.out.println("WAITING for " + count + " messages on " + queue);
      complete = remaining.await(timeoutSeconds, TimeUnit.SECONDS);
    }
    if (!complete) {
      System.out.println("TIMEOUT received " + (count - remaining.getCount()) + " of " + count);
      System.exit(2);
    }
    System.out.println("DONE " + count);
    if (args.get("linger", "false").equals("true")) {
      awaitEndOfInput();
    }
  }

  /**
   * Blocks until standard input ends (the parent closes it, or exits), so that a service stays up
   * after its work until its metrics have been read, without outliving whoever started it.
   */
  static void awaitEndOfInput() throws IOException {
    while (System.in.read() != -1) {
      // whatever the parent writes is ignored
    }
  }

  /** Prints {@code RECEIVED <Wire description>}. */
  static void printReceived(com.rabbitmq.client.AMQP.BasicProperties props, byte[] body) {
    System.out.println("RECEIVED " + Wire.describe(
        props == null ? null : props.getMessageId(), body,
        props == null ? null : props.getHeaders()));
  }
}
