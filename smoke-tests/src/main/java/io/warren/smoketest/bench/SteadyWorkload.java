package io.warren.smoketest.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The application of the steady-state benchmark ({@link SteadyStateBenchmark}): one JVM, one
 * connection, a publisher thread that sends {@code RATE} messages per second on an absolute
 * schedule, and a {@code DefaultConsumer} on a fresh queue that acks each delivery by hand. Uses
 * nothing but amqp-client and the JDK, against the broker on 127.0.0.1:5672 (guest/guest).
 *
 * <pre>
 *   SteadyWorkload RATE WARMUP_S WINDOW_S [SIZE=256] [MAX_LAG_MS=100]
 * </pre>
 *
 * Message {@code i} is due at {@code start + i / RATE}; the publisher sends it then, or at once if
 * it is late, so a stall is never hidden by sending fewer messages (no coordinated omission). The
 * body carries {@code i} and its due time ({@link System#nanoTime}, same JVM), and the latency of
 * a message is from its due time to the start of its delivery to the consumer: a stall of the
 * publisher (a GC pause, a slow publish) counts, as it would for a caller waiting on the send.
 * The first {@code WARMUP_S} seconds are left out; the messages due in the next {@code WINDOW_S}
 * seconds are measured: process CPU time, GC count and time between the window's start and end,
 * latency percentiles, resident memory at the end and its peak. The run fell behind its rate, and
 * is void, when at the window's end more than {@code MAX_LAG_MS} worth of the messages due by
 * then were not yet delivered (the publisher late, or the consumer), or a message of the window
 * was not delivered within {@value #DRAIN_SECONDS} s after it. A stall it recovered from is not
 * falling behind: it shows in the latency, and voiding such runs would drop the slowest runs of
 * an agent that stalls. It ends by printing one line, {@code STEADY {json}}.
 */
public final class SteadyWorkload {
  private static final int PREFETCH = 500;
  private static final long DRAIN_SECONDS = 10;
  private static final int HEADER_BYTES = 2 * Long.BYTES;

  private final int rate;
  private final long firstMeasured;
  private final long firstAfter;
  private final long[] latencies;
  private final CountDownLatch windowDelivered;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private volatile long maxLagNanos;
  private volatile String publishFailure;

  private SteadyWorkload(int rate, int warmupSeconds, int windowSeconds) {
    this.rate = rate;
    this.firstMeasured = (long) rate * warmupSeconds;
    this.firstAfter = (long) rate * (warmupSeconds + windowSeconds);
    this.latencies = new long[Math.toIntExact(firstAfter - firstMeasured)];
    this.windowDelivered = new CountDownLatch(latencies.length);
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println(
          "usage: SteadyWorkload RATE WARMUP_S WINDOW_S [SIZE=256] [MAX_LAG_MS=100]");
      System.exit(2);
    }
    int rate = Integer.parseInt(args[0]);
    int warmup = Integer.parseInt(args[1]);
    int window = Integer.parseInt(args[2]);
    int size = Math.max(HEADER_BYTES, args.length > 3 ? Integer.parseInt(args[3]) : 256);
    long maxLagMs = args.length > 4 ? Long.parseLong(args[4]) : 100;
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(System.getProperty("bench.host", "127.0.0.1"));
    factory.setPort(Integer.getInteger("bench.port", 5672));
    factory.setUsername("guest");
    factory.setPassword("guest");
    try (Connection connection = factory.newConnection("warren-bench-steady")) {
      new SteadyWorkload(rate, warmup, window).run(connection, size, maxLagMs);
    }
  }

  private void run(Connection connection, int size, long maxLagMs) throws Exception {
    Channel consumerChannel = connection.createChannel();
    consumerChannel.basicQos(PREFETCH);
    String queue = consumerChannel.queueDeclare("", false, true, true, null).getQueue();
    consumerChannel.basicConsume(queue, false, new DefaultConsumer(consumerChannel) {
      @Override
      public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props,
          byte[] body) throws IOException {
        long now = System.nanoTime();
        ByteBuffer header = ByteBuffer.wrap(body);
        long seq = header.getLong();
        long due = header.getLong();
        getChannel().basicAck(envelope.getDeliveryTag(), false);
        delivered.incrementAndGet();
        if (seq >= firstMeasured && seq < firstAfter) {
          latencies[(int) (seq - firstMeasured)] = now - due;
          windowDelivered.countDown();
        }
      }
    });

    Channel publishChannel = connection.createChannel();
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    Thread publisher = new Thread(() -> publish(publishChannel, queue, size, start),
        "steady-publisher");
    publisher.setDaemon(true);
    publisher.start();

    MetricsToggle toggle = MetricsToggle.fromProperty();
    Sample begin = Sample.at(sleepUntil(due(start, firstMeasured)));
    String toggled = toggle == null ? "" : toggle.alternateUntil(due(start, firstAfter), published::get);
    Sample end = Sample.at(sleepUntil(due(start, firstAfter)));
    long behindAtEnd = firstAfter - delivered.get();
    long rssAtEnd = ProcessStats.rssKiB();
    // What of the resident memory the JVM accounts for (the heap is committed from the start).
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long heapCommitted = memory.getHeapMemoryUsage().getCommitted();
    long nonHeapCommitted = memory.getNonHeapMemoryUsage().getCommitted();
    boolean drained = windowDelivered.await(DRAIN_SECONDS, TimeUnit.SECONDS);
    publisher.interrupt();
    publisher.join(TimeUnit.SECONDS.toMillis(5));

    String behind;
    if (publishFailure != null) {
      behind = "publish failed: " + publishFailure;
    } else if (behindAtEnd > (long) rate * maxLagMs / 1000) {
      behind = String.format(Locale.ROOT, "fell behind: %d messages (%.0f ms) due but not"
          + " delivered at the window's end", behindAtEnd, behindAtEnd * 1000.0 / rate);
    } else if (!drained) {
      behind = windowDelivered.getCount() + " messages of the window never delivered";
    } else {
      behind = "";
    }
    long[] sorted = latencies.clone();
    if (drained) {
      Arrays.sort(sorted);
    }
    int count = latencies.length;
    long cpu = end.cpuNanos - begin.cpuNanos;
    System.out.println("STEADY " + String.format(Locale.ROOT,
        "{\"rate\":%d,\"messages\":%d,\"keptUp\":%b,\"behind\":\"%s\",\"cpuMs\":%.3f,"
            + "\"cpuPerMsgUs\":%.3f,\"p50Us\":%.1f,\"p99Us\":%.1f,\"p999Us\":%.1f,\"maxUs\":%.1f,"
            + "\"gcCount\":%d,\"gcMs\":%d,\"rssKiB\":%d,\"peakRssKiB\":%d,\"maxLagMs\":%.3f,"
            + "\"behindAtEnd\":%d,\"published\":%d,\"windowMs\":%.1f,\"heapCommittedKiB\":%d,"
            + "\"nonHeapCommittedKiB\":%d%s%s}",
        rate, count, behind.isEmpty(), behind, cpu / 1e6, cpu / 1e3 / count,
        percentileUs(sorted, drained, 0.50), percentileUs(sorted, drained, 0.99),
        percentileUs(sorted, drained, 0.999), percentileUs(sorted, drained, 1.0),
        end.gcCount - begin.gcCount, end.gcMillis - begin.gcMillis,
        rssAtEnd, ProcessStats.peakRssKiB(), maxLagNanos / 1e6, behindAtEnd, published.get(),
        (end.nanos - begin.nanos) / 1e6, heapCommitted / 1024, nonHeapCommitted / 1024,
        cpuByGroup(begin, end, count), toggled));
  }

  /** Sends message i at its due time (or at once when late) until interrupted or done. */
  private void publish(Channel channel, String queue, int size, long start) {
    ByteBuffer body = ByteBuffer.allocate(size);
    try {
      for (long seq = 0; seq < firstAfter && !Thread.currentThread().isInterrupted(); seq++) {
        long due = due(start, seq);
        long lag = sleepUntil(due) - due;
        if (seq >= firstMeasured && lag > maxLagNanos) {
          maxLagNanos = lag;
        }
        body.clear();
        body.putLong(seq).putLong(due);
        channel.basicPublish("", queue, null, body.array());
        published.incrementAndGet();
      }
      // Lives on until the window's end is sampled: an ended thread's CPU time is not listed.
      while (!Thread.currentThread().isInterrupted()) {
        LockSupport.park();
      }
    } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
      // For example the broker closed the connection: the run is void, and says why.
      publishFailure = e.toString().replace('"', '\'');
      System.err.println("publish failed: " + e);
    }
  }

  private long due(long start, long seq) {
    return start + seq * 1_000_000_000L / rate;
  }

  /** Parks until {@code deadline} (System.nanoTime) and returns the time it woke. */
  private static long sleepUntil(long deadline) {
    long now = System.nanoTime();
    while (now < deadline) {
      LockSupport.parkNanos(deadline - now);
      now = System.nanoTime();
    }
    return now;
  }

  /**
   * ,"cpuPerMsgUsApp":..,"cpuPerMsgUsExport":.. for each thread group of {@link ProcessStats}.
   * The JVM starts and stops its compiler threads as the work comes and goes, and a thread that
   * ended is no longer listed: the JIT's share is what the process spent beyond the other groups.
   */
  private static String cpuByGroup(Sample begin, Sample end, int count) {
    StringBuilder out = new StringBuilder();
    long listed = 0;
    for (String group : ProcessStats.THREAD_GROUPS) {
      long nanos = end.byGroup.getOrDefault(group, 0L) - begin.byGroup.getOrDefault(group, 0L);
      if (group.equals("jit")) {
        continue;
      }
      listed += nanos;
      out.append(field(group, nanos, count));
    }
    return out.append(field("jit", (end.cpuNanos - begin.cpuNanos) - listed, count)).toString();
  }

  private static String field(String group, long nanos, int count) {
    return String.format(Locale.ROOT, ",\"cpuPerMsgUs%s\":%.3f",
        Character.toUpperCase(group.charAt(0)) + group.substring(1), Math.max(0, nanos) / 1e3 / count);
  }

  /** Nearest rank; -1 when some message of the window never arrived. */
  private static double percentileUs(long[] sorted, boolean complete, double quantile) {
    if (!complete || sorted.length == 0) {
      return -1;
    }
    int rank = (int) Math.ceil(quantile * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e3;
  }

  /** Process CPU and GC totals at one moment. */
  private record Sample(long nanos, long cpuNanos, long gcCount, long gcMillis,
      Map<String, Long> byGroup) {
    static Sample at(long nanos) {
      long count = 0;
      long millis = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        count += Math.max(0, gc.getCollectionCount());
        millis += Math.max(0, gc.getCollectionTime());
      }
      return new Sample(nanos, ProcessStats.cpuNanos(), count, millis,
          ProcessStats.cpuNanosByGroup());
    }
  }
}
