package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Publishes four messages to {@code --queue} whose properties an agent cannot simply add a header
 * to: null properties, properties with null headers, an unmodifiable header map and a
 * {@code Map.of} header map.
 */
public final class HeaderVariants {
  private HeaderVariants() {}

  public static void main(String[] args) throws Exception {
    ProducerRun.run("header-variants", args, (channel, queue, options) -> {
      String prefix = options.get("id-prefix", "variant");
      ProducerRun.publish(channel, "", queue, null, bytes("null properties"));

      ProducerRun.publish(channel, "", queue,
          new AMQP.BasicProperties.Builder().messageId(prefix + "-null-headers").build(),
          bytes("null headers"));

      Map<String, Object> mutable = new HashMap<>();
      mutable.put("kind", "unmodifiable");
      mutable.put("attempt", 3);
      ProducerRun.publish(channel, "", queue,
          new AMQP.BasicProperties.Builder().messageId(prefix + "-unmodifiable")
              .headers(Collections.unmodifiableMap(mutable)).build(),
          bytes("unmodifiable headers"));

      ProducerRun.publish(channel, "", queue,
          new AMQP.BasicProperties.Builder().messageId(prefix + "-map-of")
              .headers(Map.of("kind", "map-of", "flag", true)).build(),
          bytes("Map.of headers"));
    });
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
