package io.warren.smoketest.vertx;

import com.rabbitmq.client.AMQP;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQMessage;
import io.vertx.rabbitmq.RabbitMQOptions;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Vert.x service that relays messages with Vert.x's RabbitMQ client, as an application writes
 * one (Future-based API, the same source for Vert.x 4.5 and 5.0; no tracing code): it consumes
 * {@code --queue-in} (both queues declared durable) with manual acks and, for each message, publishes a follow-on with the same
 * body and the message id {@code <id>-<way>} to {@code --queue-out}, then acks. The n-th message
 * uses the n-th way of {@code --via} (round robin): {@code handler}, from the handler itself, on
 * the context's event loop; {@code blocking}, from {@code vertx.executeBlocking} code on a worker
 * thread; {@code context}, from a task given to {@code vertx.runOnContext}.
 *
 * <p>Prints {@code READY} once consuming, {@code RECEIVED <id> <body base64> <thread>} and
 * {@code SENT <id> <body base64> <thread>} per message, logs one line per message through Logback
 * (pattern in logback.xml, with the MDC's trace ids), and exits after {@code --count} follow-ons.
 */
public final class VertxRelay {
  private static final Logger LOG = LoggerFactory.getLogger(VertxRelay.class);

  private VertxRelay() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = parse(argv);
    String queueIn = args.get("queue-in");
    String queueOut = args.get("queue-out");
    List<String> ways = List.of(args.getOrDefault("via", "handler,blocking,context").split(","));
    int count = Integer.parseInt(args.getOrDefault("count", "3"));
    long timeoutMs = Long.parseLong(args.getOrDefault("timeout-ms", "60000"));
    RabbitMQOptions options = new RabbitMQOptions()
        .setHost(args.getOrDefault("host", "127.0.0.1"))
        .setPort(Integer.parseInt(args.getOrDefault("port", "5672")))
        .setUser("guest")
        .setPassword("guest");

    Vertx vertx = Vertx.vertx();
    RabbitMQClient client = RabbitMQClient.create(vertx, options);
    CountDownLatch relayed = new CountDownLatch(count);
    AtomicInteger deliveries = new AtomicInteger();
    client.start()
        .compose(started -> client.queueDeclare(queueIn, true, false, false))
        .compose(declared -> client.queueDeclare(queueOut, true, false, false))
        .compose(declared -> client.basicConsumer(queueIn, new QueueOptions().setAutoAck(false)))
        .onSuccess(consumer -> {
          consumer.handler(message -> {
            String way = ways.get(deliveries.getAndIncrement() % ways.size());
            relay(vertx, client, message, queueOut, way, relayed);
          });
          line("READY");
        })
        .onFailure(failure -> {
          failure.printStackTrace();
          System.exit(2);
        });
    boolean all = relayed.await(timeoutMs, TimeUnit.MILLISECONDS);
    client.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    line(all ? "DONE" : "TIMEOUT");
    System.exit(all ? 0 : 1);
  }

  /** The application's handler: runs on the consumer's context. */
  private static void relay(Vertx vertx, RabbitMQClient client, RabbitMQMessage message,
      String queueOut, String way, CountDownLatch relayed) {
    String id = message.properties().getMessageId();
    Buffer body = message.body();
    line("RECEIVED " + id + " " + base64(body) + " " + Thread.currentThread().getName());
    LOG.info("relaying {} via {}", id, way);
    long tag = message.envelope().getDeliveryTag();
    Runnable publish = () -> publish(client, queueOut, id + "-" + way, body)
        .compose(sent -> client.basicAck(tag, false))
        .onComplete(done -> {
          if (done.failed()) {
            done.cause().printStackTrace();
          }
          relayed.countDown();
        });
    switch (way) {
      case "handler":
        publish.run();
        break;
      case "blocking":
        vertx.executeBlocking(() -> {
          publish.run();
          return null;
        });
        break;
      case "context":
        vertx.runOnContext(v -> publish.run());
        break;
      default:
        throw new IllegalArgumentException("unknown --via " + way);
    }
  }

  private static Future<Void> publish(RabbitMQClient client, String queue, String id, Buffer body) {
    AMQP.BasicProperties properties =
        new AMQP.BasicProperties.Builder().messageId(id).deliveryMode(2).build();
    String thread = Thread.currentThread().getName();
    return client.basicPublish("", queue, properties, body)
        .onSuccess(sent -> line("SENT " + id + " " + base64(body) + " " + thread));
  }

  private static String base64(Buffer body) {
    return Base64.getEncoder().encodeToString(body.getBytes());
  }

  private static void line(String text) {
    System.out.println(text);
    System.out.flush();
  }

  /** {@code --name=value} words. */
  private static Map<String, String> parse(String[] argv) {
    Map<String, String> args = new HashMap<>();
    for (String arg : argv) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      args.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    return args;
  }
}
