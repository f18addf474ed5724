package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.stream.ConfirmationStatus;
import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.Message;
import com.rabbitmq.stream.Producer;
import com.rabbitmq.stream.ProducerBuilder;
import com.rabbitmq.stream.compression.Compression;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Sends {@code --count} messages to the stream {@code --stream} with the Stream Java client,
 * each with the message id {@code <--id-prefix>-<n>}, application properties of several types
 * and a body, and waits for every confirmation. {@code --sub-entry-size=<n>} batches messages in
 * sub-entries, compressed with {@code --compression} (gzip, none). Prints
 * {@code SENT <id> <body base64> <application properties>} per message and
 * {@code CONFIRMED <id> <true|false> <code> <own> <unchanged>} per confirmation, {@code own}
 * saying whether the confirmation named the very message the application sent, {@code unchanged}
 * whether its application properties are still those it was built with. With
 * {@code --via=amqp} it publishes the same messages (the properties as headers) with amqp-client
 * to the stream queue {@code --stream}, with publisher confirms.
 */
public final class StreamWriter {
  private StreamWriter() {}

  public static void main(String[] argv) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    String stream = args.require("stream");
    int count = args.integer("count", 3);
    String idPrefix = args.get("id-prefix", "stream-message");
    int subEntrySize = args.integer("sub-entry-size", 1);
    if ("amqp".equals(args.get("via", "stream"))) {
      publishWithAmqpClient(args, stream, count, idPrefix);
      return;
    }
    try (Environment environment = Streams.environment(args)) {
      ProducerBuilder builder = environment.producerBuilder().stream(stream);
      if (subEntrySize > 1) {
        builder = builder.subEntrySize(subEntrySize)
            .compression(Compression.valueOf(args.get("compression", "gzip").toUpperCase()));
      }
      Producer producer = builder.build();
      CountDownLatch confirmed = new CountDownLatch(count);
      for (int n = 1; n <= count; n++) {
        String messageId = idPrefix + "-" + n;
        Map<String, Object> properties = properties(n);
        byte[] body = body(n);
        Message message = producer.messageBuilder()
            .properties().messageId(messageId).contentType("application/json").messageBuilder()
            .applicationProperties()
            .entry("sensor", (String) properties.get("sensor"))
            .entry("sequence", (long) properties.get("sequence"))
            .entry("flag", (boolean) properties.get("flag"))
            .entry("raw", (byte[]) properties.get("raw"))
            .messageBuilder()
            .addData(body)
            .build();
        System.out.println("SENT " + Wire.describe(messageId, body, message.getApplicationProperties()));
        producer.send(message, status -> {
          System.out.println("CONFIRMED " + messageId + " " + status.isConfirmed() + " "
              + status.getCode() + " " + (status.getMessage() == message)
              + " " + unchanged(status, properties));
          confirmed.countDown();
        });
      }
      boolean all = confirmed.await(Long.parseLong(args.get("confirm-wait-s", "60")), TimeUnit.SECONDS);
      System.out.println("ALL-CONFIRMED " + all);
      producer.close();
    }
  }

  private static void publishWithAmqpClient(AppArgs args, String stream, int count, String idPrefix)
      throws Exception {
    try (Connection connection = Rabbit.connect(args, "stream-writer")) {
      Channel channel = connection.createChannel();
      channel.confirmSelect();
      for (int n = 1; n <= count; n++) {
        String messageId = idPrefix + "-" + n;
        Map<String, Object> headers = properties(n);
        channel.basicPublish("", stream, new AMQP.BasicProperties.Builder()
            .messageId(messageId).contentType("application/json").headers(headers).build(), body(n));
        System.out.println("SENT " + Wire.describe(messageId, body(n), headers));
      }
      channel.waitForConfirmsOrDie(10_000);
      System.out.println("ALL-CONFIRMED true");
    }
  }

  static byte[] body(int n) {
    return ("{\"reading\":" + n + ",\"unit\":\"°C\"}").getBytes(StandardCharsets.UTF_8);
  }

  static Map<String, Object> properties(int n) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("sensor", "sensor-" + n + " ☀");
    properties.put("sequence", 1000L + n);
    properties.put("flag", n % 2 == 0);
    properties.put("raw", new byte[] {0, (byte) 0xFF, (byte) n});
    return properties;
  }

  /** Whether the confirmed message still has exactly the application properties it was built with. */
  private static boolean unchanged(ConfirmationStatus status, Map<String, Object> expected) {
    return Wire.describe(null, null, status.getMessage().getApplicationProperties())
        .equals(Wire.describe(null, null, expected));
  }

}
