package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes {@code --count} persistent messages to the durable queue {@code --queue} (default
 * {@code task_queue}) on the default exchange, or to {@code --exchange} with {@code --routing-key}.
 * Each has a message id {@code <--id-prefix>-<n>}, a correlation id and user headers of several
 * AMQP types; one line {@code SENT <id> <body base64> <headers>} is printed per message.
 */
public final class ItemSubscriptions {
  private ItemSubscriptions() {}

  public static void main(String[] args) throws Exception {
    ProducerRun.run("item-subscriptions", args, (channel, queue, options) -> {
      String exchange = options.get("exchange", "");
      String routingKey = options.get("routing-key", queue);
      String idPrefix = options.get("id-prefix", "subscription");
      int count = options.integer("count", 3);
      for (int n = 1; n <= count; n++) {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
            .messageId(idPrefix + "-" + n)
            .correlationId("order-" + n)
            .contentType("application/json")
            .deliveryMode(2)
            .headers(headers(n))
            .build();
        ProducerRun.publish(channel, exchange, routingKey, props, body(n));
      }
    });
  }

  static Map<String, Object> headers(int n) {
    Map<String, Object> headers = new HashMap<>();
    headers.put("customer", "customer-" + n);
    headers.put("note", "café ☕ für Jürgen #" + n);
    headers.put("quantity", n);
    headers.put("price-cents", 1999L * n);
    headers.put("gift", n % 2 == 0);
    headers.put("ratio", 0.25 * n);
    headers.put("discount", new BigDecimal("12.50"));
    headers.put("signature", new byte[] {0, (byte) 0xFF, (byte) n, 0x7F, (byte) 0x80});
    headers.put("tags", List.of("new", "priority-" + n));
    headers.put("created", new Date(1_700_000_000_000L + n * 1000L));
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("city", "Lyon");
    address.put("zip", 69001);
    headers.put("address", address);
    return headers;
  }

  /** A JSON body, except for message 2, whose body is bytes that are not valid UTF-8. */
  static byte[] body(int n) {
    if (n == 2) {
      return new byte[] {(byte) 0xC3, 0x28, 0x00, (byte) 0xFE, (byte) 0xFF, 0x0A, 0x20, (byte) n};
    }
    return ("{\"item\":\"sku-" + n + "\",\"plan\":\"monthly\",\"note\":\"déjà vu ✓\"}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
