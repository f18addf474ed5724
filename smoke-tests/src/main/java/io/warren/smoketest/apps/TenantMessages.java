package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Publishes two messages to {@code --queue} (with publisher confirms, like every producer here),
 * printing {@code SENT <Wire description>} for each. {@code <prefix>-tagged} has the AMQP property
 * app_id {@code billing} and the headers {@code x-tenant=acme} (a string), {@code x-attempt=3}
 * (an int) and {@code x-secret=<--secret>}, and the body {@code <--secret> body};
 * {@code <prefix>-plain} has no app_id and only the {@code x-secret} header. What a test may
 * capture as span tags is configured on the agent, never here.
 */
public final class TenantMessages {
  private TenantMessages() {}

  public static void main(String[] args) throws Exception {
    ProducerRun.run("tenant-messages", args, (channel, queue, options) -> {
      String prefix = options.require("id-prefix");
      String secret = options.require("secret");

      Map<String, Object> tagged = new HashMap<>();
      tagged.put("x-tenant", "acme");
      tagged.put("x-attempt", 3);
      tagged.put("x-secret", secret);
      ProducerRun.publish(channel, "", queue, new AMQP.BasicProperties.Builder()
          .messageId(prefix + "-tagged").appId("billing").headers(tagged).build(),
          (secret + " body").getBytes(StandardCharsets.UTF_8));

      Map<String, Object> plain = new HashMap<>();
      plain.put("x-secret", secret);
      ProducerRun.publish(channel, "", queue, new AMQP.BasicProperties.Builder()
          .messageId(prefix + "-plain").headers(plain).build(),
          (secret + " body").getBytes(StandardCharsets.UTF_8));
    });
  }
}
