package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code --consumers} consumers, each on its own channel with prefetch {@code --prefetch}, all
 * dispatched on one pool of {@code --pool-threads} threads, consume {@code --count} messages
 * from {@code --queue}. Each delivery prints {@code GOT <message id> <traceparent header>}.
 * Afterwards, with no handler running, every pool thread publishes one probe message
 * {@code probe-<n>} to {@code --probe-queue} ({@code PROBE <id> <thread>}): a trace context left
 * behind on a thread by a handler would make that probe part of an old trace. Prints the threads
 * that ran handlers ({@code HANDLER-THREADS}) and {@code DONE}; exits 2 on timeout.
 */
public final class ParallelConsumers {
  private ParallelConsumers() {}

  public static void main(String[] argv) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    String queue = args.require("queue");
    String probeQueue = args.require("probe-queue");
    int consumers = args.integer("consumers", 2);
    int prefetch = args.integer("prefetch", 50);
    int poolThreads = args.integer("pool-threads", 2);
    int count = args.integer("count", 50_000);
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(poolThreads,
        r -> new Thread(r, "consumer-pool-" + threadNumber.incrementAndGet()));
    CountDownLatch remaining = new CountDownLatch(count);
    Set<String> handlerThreads = ConcurrentHashMap.newKeySet();
    boolean complete;
    try (Connection connection = Rabbit.connect(args, "parallel-consumers", pool)) {
      for (int c = 0; c < consumers; c++) {
        Channel channel = connection.createChannel();
        Rabbit.declareQueue(channel, queue);
        channel.basicQos(prefetch);
        channel.basicConsume(queue, false, new DefaultConsumer(channel) {
          @Override
          public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props,
              byte[] body) throws IOException {
            handlerThreads.add(Thread.currentThread().getName());
            Object traceparent = props.getHeaders() == null ? null
                : props.getHeaders().get("traceparent");
            System.out.println("GOT " + props.getMessageId() + " " + traceparent);
            getChannel().basicAck(envelope.getDeliveryTag(), false);
            remaining.countDown();
          }
        });
      }
      complete = remaining.await(args.integer("timeout-seconds", 240), TimeUnit.SECONDS);
      if (complete) {
        probe(connection, pool, poolThreads, probeQueue);
      }
    } finally {
      pool.shutdown();
    }
    System.out.println("HANDLER-THREADS " + String.join(",", handlerThreads));
    if (!complete) {
      System.out.println("TIMEOUT " + remaining.getCount() + " of " + count + " missing");
      System.exit(2);
    }
    System.out.println("DONE " + count);
  }

  /** One publish from each pool thread, all at once so that every thread takes one. */
  private static void probe(Connection connection, ExecutorService pool, int threads,
      String probeQueue) throws Exception {
    CyclicBarrier together = new CyclicBarrier(threads);
    List<Channel> channels = new ArrayList<>();
    List<Future<?>> probes = new ArrayList<>();
    for (int p = 1; p <= threads; p++) {
      Channel channel = connection.createChannel();
      Rabbit.declareQueue(channel, probeQueue);
      channels.add(channel);
      String id = "probe-" + p;
      probes.add(pool.submit(() -> {
        together.await(30, TimeUnit.SECONDS);
        channel.basicPublish("", probeQueue, new AMQP.BasicProperties.Builder().messageId(id)
            .headers(Map.of("probe", true)).build(), id.getBytes(StandardCharsets.UTF_8));
        System.out.println("PROBE " + id + " " + Thread.currentThread().getName());
        return null;
      }));
    }
    for (Future<?> probe : probes) {
      probe.get(60, TimeUnit.SECONDS);
    }
    for (Channel channel : channels) {
      channel.close();
    }
  }
}
