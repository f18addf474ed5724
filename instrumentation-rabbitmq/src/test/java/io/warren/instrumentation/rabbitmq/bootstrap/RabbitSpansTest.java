package io.warren.instrumentation.rabbitmq.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spans RabbitSpans describes, read back from the SpanStart it fills. */
class RabbitSpansTest {

  @Test
  void publishIsAProducerSpanWithTheMessagingAttributes() throws Exception {
    InetAddress broker = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    SpanStart span = RabbitSpans.publish("", "task_queue");
    RabbitSpans.message(span, "msg-1", "corr-1", 11);
    RabbitSpans.server(span, broker, 5672);

    Described described = describe(span);
    assertEquals(RabbitSpans.INSTRUMENTATION, described.instrumentation);
    assertEquals(SpanStart.Kind.PRODUCER, described.kind);
    assertEquals("publish amq.default:task_queue", described.name);
    assertEquals(
        Map.ofEntries(
            Map.entry("messaging.system", "rabbitmq"),
            Map.entry("messaging.operation.name", "publish"),
            Map.entry("messaging.operation.type", "send"),
            Map.entry("messaging.destination.name", ""),
            Map.entry("messaging.rabbitmq.destination.routing_key", "task_queue"),
            Map.entry("messaging.message.id", "msg-1"),
            Map.entry("messaging.message.conversation_id", "corr-1"),
            Map.entry("messaging.message.body.size", 11L),
            Map.entry("peer.service", "rabbitmq"),
            Map.entry("server.address", "127.0.0.1"),
            Map.entry("server.port", 5672L)),
        described.attributes);
  }

  @Test
  void deliveredIsAConsumerSpanParentedOnTheReceivedHeaders() throws Exception {
    Map<String, Object> headers = new HashMap<>(Map.of("traceparent", "x"));
    InetAddress broker = InetAddress.getByAddress(new byte[] {10, 0, 0, 7});
    SpanStart span =
        RabbitSpans.delivered(
            "billing", "orders", "order.1.created", headers, "msg-1", "corr-1", 3, 42, true, null, broker, 5671);

    assertSame(headers, span.parentFrom());
    assertNull(span.injectInto());
    Described described = describe(span);
    assertEquals(SpanStart.Kind.CONSUMER, described.kind);
    assertEquals("process billing", described.name);
    assertEquals(
        Map.ofEntries(
            Map.entry("messaging.system", "rabbitmq"),
            Map.entry("messaging.operation.name", "process"),
            Map.entry("messaging.operation.type", "process"),
            Map.entry("messaging.destination.name", "orders"),
            Map.entry("messaging.rabbitmq.destination.routing_key", "order.1.created"),
            Map.entry("messaging.rabbitmq.queue", "billing"),
            Map.entry("messaging.message.id", "msg-1"),
            Map.entry("messaging.message.conversation_id", "corr-1"),
            Map.entry("messaging.message.body.size", 3L),
            Map.entry("messaging.rabbitmq.message.delivery_tag", 42L),
            Map.entry("messaging.rabbitmq.message.redelivered", true),
            Map.entry("peer.service", "rabbitmq"),
            Map.entry("server.address", "10.0.0.7"),
            Map.entry("server.port", 5671L)),
        described.attributes);
  }

  @Test
  void receiveIsAConsumerSpanNamedAfterTheQueue() {
    Described described = describe(RabbitSpans.receive("task_queue", "", "task_queue"));

    assertEquals(SpanStart.Kind.CONSUMER, described.kind);
    assertEquals("receive task_queue", described.name);
    assertEquals("receive", described.attributes.get("messaging.operation.name"));
    assertEquals("receive", described.attributes.get("messaging.operation.type"));
    assertEquals("task_queue", described.attributes.get("messaging.rabbitmq.queue"));
  }

  @Test
  void redeliveryAndTemporaryDestinationAreFlagged() {
    SpanStart span = RabbitSpans.process("amq.gen-4kVfQzmk3Zmh7QbB0yJzxA", "", "amq.gen-4kVfQzmk3Zmh7QbB0yJzxA");
    RabbitSpans.delivery(span, 0, true);
    RabbitSpans.message(span, null, null, 0);

    Described described = describe(span);
    assertEquals("process (temporary)", described.name);
    assertEquals(true, described.attributes.get("messaging.rabbitmq.message.redelivered"));
    assertEquals(true, described.attributes.get("messaging.destination.temporary"));
    assertEquals(0L, described.attributes.get("messaging.rabbitmq.message.delivery_tag"));
    assertEquals(0L, described.attributes.get("messaging.message.body.size"));
  }

  @Test
  void aGeneratedRoutingKeyAloneMakesTheDestinationTemporary() {
    Described described = describe(RabbitSpans.publish("", "amq.rabbitmq.reply-to.g1h2AA5yZXBseUAx"));

    assertEquals("publish amq.default:(temporary)", described.name);
    assertEquals(true, described.attributes.get("messaging.destination.temporary"));
  }

  @Test
  void unknownValuesAreLeftOut() {
    SpanStart span = RabbitSpans.publish("logs", null);
    RabbitSpans.message(span, null, null, -1);
    RabbitSpans.delivery(span, 5, false);
    RabbitSpans.server(span, null, 5672);

    Described described = describe(span);
    assertEquals("publish logs", described.name);
    assertEquals(
        Map.of(
            "messaging.system", "rabbitmq",
            "messaging.operation.name", "publish",
            "messaging.operation.type", "send",
            "messaging.destination.name", "logs",
            "peer.service", "rabbitmq",
            "messaging.rabbitmq.message.delivery_tag", 5L),
        described.attributes);
  }

  @Test
  void nullExchangeAndRoutingKeyAreEmpty() {
    Described described = describe(RabbitSpans.process(null, null, null));

    assertEquals("", described.attributes.get("messaging.destination.name"));
    assertFalse(described.attributes.containsKey("messaging.rabbitmq.destination.routing_key"));
    assertFalse(described.attributes.containsKey("messaging.rabbitmq.queue"));
  }

  @Test
  void eachBrokerAddressIsWrittenAsItsOwnIp() throws Exception {
    InetAddress first = InetAddress.getByAddress(new byte[] {10, 0, 0, 1});
    InetAddress second = InetAddress.getByAddress(new byte[] {10, 0, 0, 2});
    InetAddress ipv6 = InetAddress.getByName("::1");

    assertEquals("10.0.0.1", serverAddressOf(first));
    assertEquals("10.0.0.2", serverAddressOf(second));
    assertEquals("10.0.0.1", serverAddressOf(first));
    assertEquals("0:0:0:0:0:0:0:1", serverAddressOf(ipv6));
  }

  @Test
  void bodySizeOfEveryBodyTheClientTakes() {
    assertEquals(3, RabbitSpans.bodySizeOf(new byte[3]));
    ByteBuffer buffer = ByteBuffer.allocate(10);
    buffer.position(4);
    assertEquals(6, RabbitSpans.bodySizeOf(buffer), "what remains to be sent");
    assertEquals(-1, RabbitSpans.bodySizeOf(null));
    assertEquals(-1, RabbitSpans.bodySizeOf("text"));
  }

  private static String serverAddressOf(InetAddress address) {
    return (String)
        describe(RabbitSpans.server(RabbitSpans.publish("", "q"), address, 5671))
            .attributes
            .get("server.address");
  }

  /** What a SpanStart held, read the way the tracing core reads it. */
  private record Described(
      String instrumentation, SpanStart.Kind kind, String name, Map<String, Object> attributes) {}

  /** Reads the description, then clears it, as Tracing does once the backend has it. */
  private static Described describe(SpanStart span) {
    try {
      Map<String, Object> attributes = new HashMap<>();
      for (int i = 0; i < span.attributeCount(); i++) {
        SpanAttribute key = span.key(i);
        Object value = key.type() == SpanAttribute.Type.LONG ? (Object) span.longValue(i) : span.value(i);
        Object previous = attributes.put(key.name(), value);
        assertNull(previous, "set twice: " + key);
      }
      return new Described(span.instrumentation(), span.kind(), span.name(), attributes);
    } finally {
      span.clear();
    }
  }
}
