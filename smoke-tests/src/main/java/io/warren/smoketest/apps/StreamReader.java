package io.warren.smoketest.apps;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.stream.Consumer;
import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.OffsetSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads {@code --count} messages of the stream {@code --stream} from its first offset, with the
 * Stream Java client (a MessageHandler lambda) or, with {@code --via=amqp}, with amqp-client
 * (a stream queue consumed with {@code x-stream-offset=first}). Prints
 * {@code RECEIVED <id> <body base64> <application properties or headers>} and
 * {@code OFFSET <id> <offset>} per message.
 */
public final class StreamReader {
  private StreamReader() {}

  public static void main(String[] argv) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    String stream = args.require("stream");
    int count = args.integer("count", 3);
    CountDownLatch received = new CountDownLatch(count);
    if ("amqp".equals(args.get("via", "stream"))) {
      try (Connection connection = Rabbit.connect(args, "stream-reader")) {
        Channel channel = connection.createChannel();
        channel.basicQos(100);
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("x-stream-offset", "first");
        channel.basicConsume(stream, false, arguments, (tag, delivery) -> {
          Map<String, Object> headers = new HashMap<>(delivery.getProperties().getHeaders());
          Object offset = headers.remove("x-stream-offset"); // the broker's, not the producer's
          String messageId = delivery.getProperties().getMessageId();
          System.out.println("RECEIVED " + Wire.describe(messageId, delivery.getBody(), headers));
          System.out.println("OFFSET " + messageId + " " + offset);
          channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
          received.countDown();
        }, tag -> {});
        await(received, count);
      }
      return;
    }
    try (Environment environment = Streams.environment(args)) {
      Consumer consumer = environment.consumerBuilder()
          .stream(stream)
          .offset(OffsetSpecification.first())
          .messageHandler((context, message) -> {
            Object id = message.getProperties() == null ? null : message.getProperties().getMessageId();
            String messageId = id == null ? null : id.toString();
            System.out.println("RECEIVED " + Wire.describe(messageId, message.getBodyAsBinary(),
                message.getApplicationProperties()));
            System.out.println("OFFSET " + messageId + " " + context.offset());
            received.countDown();
          })
          .build();
      await(received, count);
      consumer.close();
    }
  }

  private static void await(CountDownLatch received, int count) throws InterruptedException {
    if (!received.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("received " + (count - received.getCount()) + " of " + count);
    }
  }
}
