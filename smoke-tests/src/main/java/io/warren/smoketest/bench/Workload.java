package io.warren.smoketest.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The application the overhead benchmark runs with no agent, with Warren and with the
 * OpenTelemetry agent. It uses nothing but amqp-client and the JDK, against the broker on
 * 127.0.0.1:5672 (guest/guest).
 *
 * <pre>
 *   Workload roundtrip N S   publish N messages of S bytes to a fresh queue and consume them all
 *                            (DefaultConsumer, one manual ack per message)
 *   Workload chain N S       publish to queue A; A's consumer republishes each message to queue B,
 *                            whose consumer acks it: two hops per message
 *   Workload startup         connect, publish one message, consume it, exit
 * </pre>
 *
 * The measured part runs from the first publish to the last ack. It ends by printing one line,
 * {@code WORKLOAD {json}}, that {@link OverheadBenchmark} reads.
 */
public final class Workload {
  private static final long TIMEOUT_SECONDS = 300;
  private static final int PREFETCH = 500;

  private Workload() {}

  public static void main(String[] args) throws Exception {
    // Read first: the JVM's start time is read at the end, so that reading it loads nothing now.
    long mainEnteredAt = System.currentTimeMillis();
    if (args.length == 0) {
      System.err.println("usage: Workload roundtrip N S | chain N S | startup");
      System.exit(2);
    }
    String mode = args[0];
    int messages = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int size = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    Measurement result;
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(System.getProperty("bench.host", "127.0.0.1"));
    factory.setPort(Integer.getInteger("bench.port", 5672));
    factory.setUsername("guest");
    factory.setPassword("guest");
    try (Connection connection = factory.newConnection("warren-bench-" + mode)) {
      switch (mode) {
        case "roundtrip":
          result = roundtrip(connection, messages, size);
          break;
        case "chain":
          result = chain(connection, messages, size);
          break;
        case "startup":
          result = roundtrip(connection, 1, size);
          break;
        default:
          throw new IllegalArgumentException("unknown mode " + mode);
      }
    }
    long cpuEndNanos = ProcessStats.cpuNanos();
    double seconds = result.wallNanos / 1e9;
    System.out.println("WORKLOAD " + String.format(Locale.ROOT,
        "{\"mode\":\"%s\",\"messages\":%d,\"bytes\":%d,\"wallMs\":%.3f,\"msgsPerSec\":%.1f,"
            + "\"cpuMs\":%.3f,\"processCpuMs\":%.3f,\"peakRssKiB\":%d,\"sinceJvmStartMs\":%d,"
            + "\"mainAtMs\":%d}",
        mode, result.messages, size, result.wallNanos / 1e6,
        seconds > 0 ? result.messages / seconds : 0.0,
        result.cpuNanos / 1e6, cpuEndNanos / 1e6, ProcessStats.peakRssKiB(),
        System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime(),
        mainEnteredAt - ManagementFactory.getRuntimeMXBean().getStartTime()));
  }

  /** Wall and CPU time of the measured part. */
  private record Measurement(int messages, long wallNanos, long cpuNanos) {}

  private static Measurement roundtrip(Connection connection, int messages, int size)
      throws Exception {
    byte[] body = body(size);
    Channel consumerChannel = connection.createChannel();
    consumerChannel.basicQos(PREFETCH);
    String queue = consumerChannel.queueDeclare("", false, true, true, null).getQueue();
    CountDownLatch done = new CountDownLatch(messages);
    consumerChannel.basicConsume(queue, false, ackingConsumer(consumerChannel, done));
    return publishAll(connection, queue, body, messages, done);
  }

  private static Measurement chain(Connection connection, int messages, int size)
      throws Exception {
    byte[] body = body(size);
    Channel hopChannel = connection.createChannel();
    hopChannel.basicQos(PREFETCH);
    String first = hopChannel.queueDeclare("", false, true, true, null).getQueue();
    String second = hopChannel.queueDeclare("", false, true, true, null).getQueue();
    // Hop 1: consume from the first queue and republish to the second, on the same channel.
    hopChannel.basicConsume(first, false, new DefaultConsumer(hopChannel) {
      @Override
      public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props,
          byte[] payload) throws IOException {
        getChannel().basicPublish("", second, null, payload);
        getChannel().basicAck(envelope.getDeliveryTag(), false);
      }
    });
    Channel sinkChannel = connection.createChannel();
    sinkChannel.basicQos(PREFETCH);
    CountDownLatch done = new CountDownLatch(messages);
    sinkChannel.basicConsume(second, false, ackingConsumer(sinkChannel, done));
    return publishAll(connection, first, body, messages, done);
  }

  /** Acks every delivery and counts it down. */
  private static DefaultConsumer ackingConsumer(Channel channel, CountDownLatch done) {
    return new DefaultConsumer(channel) {
      @Override
      public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props,
          byte[] payload) throws IOException {
        getChannel().basicAck(envelope.getDeliveryTag(), false);
        done.countDown();
      }
    };
  }

  /** The measured part: publish every message, wait until the last one is acked. */
  private static Measurement publishAll(Connection connection, String queue, byte[] body,
      int messages, CountDownLatch done) throws Exception {
    Channel publisher = connection.createChannel();
    long cpuStart = ProcessStats.cpuNanos();
    long start = System.nanoTime();
    for (int i = 0; i < messages; i++) {
      publisher.basicPublish("", queue, null, body);
    }
    await(done, messages);
    long wall = System.nanoTime() - start;
    long cpu = ProcessStats.cpuNanos() - cpuStart;
    return new Measurement(messages, wall, cpu);
  }

  private static byte[] body(int size) {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) 'w');
    return body;
  }

  private static void await(CountDownLatch done, int messages) throws InterruptedException {
    if (!done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("only " + (messages - done.getCount()) + " of " + messages
          + " messages arrived within " + TIMEOUT_SECONDS + " s");
    }
  }
}
