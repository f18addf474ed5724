package io.warren.smoketest.spring;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The {@code bench} role, the Spring run of the overhead benchmark
 * ({@code io.warren.smoketest.bench.OverheadBenchmark}): in one JVM, Boot's {@link RabbitTemplate}
 * publishes {@code --app.count} messages of {@code --app.size} bytes (default 256) to the queue
 * {@code --app.bench-queue} (declared here: non-durable, auto-delete), and a {@link RabbitListener}
 * on Boot's default container consumes them. Nothing about the container is configured: it is the
 * simple container with Spring AMQP's defaults (one consumer, prefetch 250, batch size 1, AUTO
 * acknowledgement: one {@code basic.ack} after each listener call).
 *
 * <p>It measures as {@code io.warren.smoketest.bench.Workload roundtrip} does: the measured part
 * runs from the first publish until the listener has been called for the last message (its
 * automatic ack follows right after), and the run ends by printing one line,
 * {@code WORKLOAD {json}}, with the same fields as the Workload's, plus {@code startupMs} (JVM
 * start to the first publish: Spring Boot's start-up with its listener container running) and
 * what the listener container reports about itself.
 *
 * <pre>
 *   java -jar spring-app.jar --app.role=bench --app.bench-queue=Q --app.count=N [--app.size=S]
 * </pre>
 */
final class Bench {
  private Bench() {}

  /** The benchmark's queue, declared by Boot's RabbitAdmin when the container connects. */
  @Configuration
  @Profile("bench")
  static class BenchQueue {
    @Bean
    Queue benchQueue(Environment env) {
      return new Queue(queueName(env), false, false, true);
    }
  }

  static String queueName(Environment env) {
    return env.getProperty("app.bench-queue", "warren-bench-spring");
  }

  /** Counts the deliveries down: the listener side of the benchmark. */
  @Component
  @Profile("bench")
  static class BenchListener {
    private final Work work;
    private final CountDownLatch received;

    BenchListener(Work work, Settings settings) {
      this.work = work;
      this.received = new CountDownLatch(settings.count);
    }

    @RabbitListener(id = "warren-bench", queues = "${app.bench-queue:warren-bench-spring}")
    public void onMessage(byte[] body) {
      received.countDown();
      work.done();
    }

    CountDownLatch received() {
      return received;
    }
  }

  /** Publishes every message on the main thread and waits until the listener saw them all. */
  @Component
  @Profile("bench")
  static class BenchRunner implements ApplicationRunner {
    private final RabbitTemplate template;
    private final Settings settings;
    private final Environment env;
    private final BenchListener listener;
    private final RabbitListenerEndpointRegistry registry;

    BenchRunner(RabbitTemplate template, Settings settings, Environment env,
        BenchListener listener, RabbitListenerEndpointRegistry registry) {
      this.template = template;
      this.settings = settings;
      this.env = env;
      this.listener = listener;
      this.registry = registry;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
      if (env.getProperty("app.count") == null) {
        throw new IllegalArgumentException("the bench role needs --app.count=N");
      }
      int messages = settings.count;
      int size = env.getProperty("app.size", Integer.class, 256);
      String queue = queueName(env);
      byte[] body = new byte[size];
      Arrays.fill(body, (byte) 'w');

      long startupMs = ManagementFactory.getRuntimeMXBean().getUptime();
      long cpuStart = processCpuNanos();
      long start = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        template.convertAndSend("", queue, body);
      }
      CountDownLatch received = listener.received();
      if (!received.await(settings.timeoutMs, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("only " + (messages - received.getCount()) + " of "
            + messages + " messages arrived within " + settings.timeoutMs + " ms");
      }
      long wallNanos = System.nanoTime() - start;
      long cpuNanos = processCpuNanos() - cpuStart;

      // var: Spring AMQP 4.1 returns the core package's MessageListenerContainer, older ones the
      // rabbit package's.
      var container = registry.getListenerContainer("warren-bench");
      String ackMode = container instanceof AbstractMessageListenerContainer c
          ? String.valueOf(c.getAcknowledgeMode()) : "?";
      int consumers = container instanceof SimpleMessageListenerContainer c
          ? c.getActiveConsumerCount() : -1;
      double seconds = wallNanos / 1e9;
      Out.line("WORKLOAD " + String.format(Locale.ROOT,
          "{\"mode\":\"spring\",\"messages\":%d,\"bytes\":%d,\"wallMs\":%.3f,\"msgsPerSec\":%.1f,"
              + "\"cpuMs\":%.3f,\"processCpuMs\":%.3f,\"peakRssKiB\":%d,\"sinceJvmStartMs\":%d,"
              + "\"startupMs\":%d,\"container\":\"%s\",\"consumers\":%d,\"ackMode\":\"%s\"}",
          messages, size, wallNanos / 1e6, seconds > 0 ? messages / seconds : 0.0,
          cpuNanos / 1e6, processCpuNanos() / 1e6, peakRssKiB(),
          ManagementFactory.getRuntimeMXBean().getUptime(), startupMs,
          container == null ? "none" : container.getClass().getSimpleName(), consumers,
          ackMode));
    }
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }

  /** VmHWM: the most resident memory this process has had, in KiB; -1 off Linux. */
  private static long peakRssKiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }
}
