package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A producer from a system that does its own B3 propagation (run it without the agent): publishes
 * one message to {@code --queue} with the header {@code b3: <--b3>} written by hand.
 */
public final class B3Producer {
  private B3Producer() {}

  public static void main(String[] args) throws Exception {
    ProducerRun.run("b3-producer", args, (channel, queue, options) -> {
      Map<String, Object> headers = new HashMap<>();
      headers.put("b3", options.require("b3"));
      headers.put("origin", "legacy-billing");
      AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
          .messageId(options.get("id-prefix", "legacy") + "-1")
          .headers(headers)
          .build();
      ProducerRun.publish(channel, "", queue, props,
          "invoice ready".getBytes(StandardCharsets.UTF_8));
    });
  }
}
