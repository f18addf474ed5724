package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;

/**
 * Publishes {@code --count} messages to {@code --queue} whose properties, headers and bodies come
 * from {@link HeaderFuzz} seeded with {@code --seed}; prints {@code SEED <seed>} and one
 * {@code SENT <Wire description>} per message (ids {@code <--id-prefix>-<n>}, none when the
 * properties are null). Waits for the broker's confirms every 500 messages.
 */
public final class FuzzProducer {
  private FuzzProducer() {}

  public static void main(String[] args) throws Exception {
    ProducerRun.run("fuzz-producer", args, (channel, queue, options) -> {
      long seed = Long.parseLong(options.require("seed"));
      System.out.println("SEED " + seed);
      HeaderFuzz fuzz = new HeaderFuzz(seed);
      String idPrefix = options.get("id-prefix", "fuzz");
      int count = options.integer("count", 10_000);
      for (int n = 1; n <= count; n++) {
        AMQP.BasicProperties props = fuzz.properties(idPrefix + "-" + n);
        ProducerRun.publish(channel, "", queue, props, fuzz.body());
        if (n % 500 == 0) {
          try {
            channel.waitForConfirmsOrDie(30_000);
          } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            throw new IllegalStateException("no confirms for the last 500 messages", e);
          }
        }
      }
    });
  }
}
