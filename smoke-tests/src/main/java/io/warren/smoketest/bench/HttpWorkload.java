package io.warren.smoketest.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application of the HTTP benchmark ({@link HttpBenchmark}): a JDK {@code HttpServer} on
 * 127.0.0.1 (any free port, printed as {@code LISTENING <port>}) whose {@code POST /publish}
 * publishes the request's body to a queue of its own (exclusive, so gone when it exits) and
 * answers 204. It uses nothing but amqp-client and the JDK, against the broker on
 * 127.0.0.1:5672.
 *
 * <pre>
 *   HttpWorkload WARMUP MEASURED THREADS   serve WARMUP requests, then MEASURED ones, with THREADS
 *                                          handler threads; then print WORKLOAD {json} and exit
 * </pre>
 *
 * The measured part runs from the start of request WARMUP + 1 to the end of the last one; the
 * client sends the measured requests only once every warm-up request was answered, so the
 * count tells the two apart.
 */
public final class HttpWorkload {
  private static final long TIMEOUT_SECONDS = 300;

  private HttpWorkload() {}

  public static void main(String[] args) throws Exception {
    int warmup = Integer.parseInt(args[0]);
    int measured = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(Integer.getInteger("bench.port", 5672));
    try (Connection connection = factory.newConnection("warren-bench-http")) {
      Channel channel = connection.createChannel();
      String queue = channel.queueDeclare().getQueue();
      Window window = new Window(warmup, warmup + measured);
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
      ExecutorService handlers = Executors.newFixedThreadPool(threads);
      server.setExecutor(handlers);
      server.createContext("/publish", exchange -> {
        window.started();
        try {
          byte[] body = readBody(exchange);
          synchronized (channel) {
            channel.basicPublish("", queue, null, body);
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        } finally {
          window.finished();
        }
      });
      server.start();
      System.out.println("LISTENING " + server.getAddress().getPort());
      if (!window.done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("only " + window.finished.get() + " of "
            + (warmup + measured) + " requests arrived within " + TIMEOUT_SECONDS + " s");
      }
      server.stop(0);
      handlers.shutdown();
      System.out.println("WORKLOAD " + String.format(Locale.ROOT,
          "{\"mode\":\"http\",\"requests\":%d,\"cpuMs\":%.3f,\"processCpuMs\":%.3f,"
              + "\"peakRssKiB\":%d}",
          measured, (window.cpuEnd - window.cpuStart) / 1e6, ProcessStats.cpuNanos() / 1e6,
          ProcessStats.peakRssKiB()));
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return in.readAllBytes();
    }
  }

  /** The process CPU time from the first measured request's start to the last one's end. */
  private static final class Window {
    private final int warmup;
    private final int total;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile long cpuStart;
    private volatile long cpuEnd;

    Window(int warmup, int total) {
      this.warmup = warmup;
      this.total = total;
    }

    void started() {
      if (started.incrementAndGet() == warmup + 1) {
        cpuStart = ProcessStats.cpuNanos();
      }
    }

    void finished() {
      if (finished.incrementAndGet() == total) {
        cpuEnd = ProcessStats.cpuNanos();
        done.countDown();
      }
    }
  }
}
