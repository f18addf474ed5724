package io.warren.instrumentation.rabbitmq.bootstrap;

import static io.warren.instrumentation.rabbitmq.bootstrap.DescribedSpan.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.warren.bootstrap.SpanStart;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spans RabbitSpans describes, read back from the SpanStart it fills. */
class RabbitSpansTest {

  @Test
  void eachBrokerAddressIsOneTextWhicheverConnectionNamesIt() throws Exception {
    // Each connection has an InetAddress of its own; the text (hashed once, a metric series'
    // value) is the same object for all of them, and another broker's stays its own.
    String first = RabbitSpans.format(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
    String other = RabbitSpans.format(InetAddress.getByAddress(new byte[] {10, 0, 0, 7}));
    assertEquals("127.0.0.1", first);
    assertEquals("10.0.0.7", other);
    assertSame(first, RabbitSpans.format(InetAddress.getByAddress(new byte[] {127, 0, 0, 1})));
    assertSame(other, RabbitSpans.format(InetAddress.getByAddress(new byte[] {10, 0, 0, 7})));
  }

  @Test
  void publishIsAProducerSpanWithTheMessagingAttributes() throws Exception {
    InetAddress broker = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    SpanStart span = RabbitSpans.publish("", "task_queue");
    RabbitSpans.message(span, "msg-1", "corr-1", 11);
    RabbitSpans.server(span, broker, 5672);

    DescribedSpan described = describe(span);
    assertEquals(RabbitSpans.INSTRUMENTATION, described.instrumentation());
    assertEquals(SpanStart.Kind.PRODUCER, described.kind());
    assertEquals("publish amq.default:task_queue", described.name());
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
        described.attributes());
  }

  @Test
  void receiveIsAConsumerSpanNamedAfterTheQueue() {
    DescribedSpan described = describe(RabbitSpans.receive("task_queue", "", "task_queue"));

    assertEquals(SpanStart.Kind.CONSUMER, described.kind());
    assertEquals("receive task_queue", described.name());
    assertEquals("receive", described.attributes().get("messaging.operation.name"));
    assertEquals("receive", described.attributes().get("messaging.operation.type"));
    assertEquals("task_queue", described.attributes().get("messaging.rabbitmq.queue"));
  }

  @Test
  void redeliveryAndTemporaryDestinationAreFlagged() {
    SpanStart span = RabbitSpans.process("amq.gen-4kVfQzmk3Zmh7QbB0yJzxA", "", "amq.gen-4kVfQzmk3Zmh7QbB0yJzxA");
    RabbitSpans.delivery(span, 0, true);
    RabbitSpans.message(span, null, null, 0);

    DescribedSpan described = describe(span);
    assertEquals("process (temporary)", described.name());
    assertEquals(true, described.attributes().get("messaging.rabbitmq.message.redelivered"));
    assertEquals(true, described.attributes().get("messaging.destination.temporary"));
    assertEquals(0L, described.attributes().get("messaging.rabbitmq.message.delivery_tag"));
    assertEquals(0L, described.attributes().get("messaging.message.body.size"));
  }

  @Test
  void aGeneratedRoutingKeyAloneMakesTheDestinationTemporary() {
    DescribedSpan described = describe(RabbitSpans.publish("", "amq.rabbitmq.reply-to.g1h2AA5yZXBseUAx"));

    assertEquals("publish amq.default:(temporary)", described.name());
    assertEquals(true, described.attributes().get("messaging.destination.temporary"));
  }

  @Test
  void unknownValuesAreLeftOut() {
    SpanStart span = RabbitSpans.publish("logs", null);
    RabbitSpans.message(span, null, null, -1);
    RabbitSpans.delivery(span, 5, false);
    RabbitSpans.server(span, null, 5672);

    DescribedSpan described = describe(span);
    assertEquals("publish logs", described.name());
    assertEquals(
        Map.of(
            "messaging.system", "rabbitmq",
            "messaging.operation.name", "publish",
            "messaging.operation.type", "send",
            "messaging.destination.name", "logs",
            "peer.service", "rabbitmq",
            "messaging.rabbitmq.message.delivery_tag", 5L),
        described.attributes());
  }

  @Test
  void nullExchangeAndRoutingKeyAreEmpty() {
    DescribedSpan described = describe(RabbitSpans.process(null, null, null));

    assertEquals("", described.attributes().get("messaging.destination.name"));
    assertFalse(described.attributes().containsKey("messaging.rabbitmq.destination.routing_key"));
    assertFalse(described.attributes().containsKey("messaging.rabbitmq.queue"));
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
            .attributes()
            .get("server.address");
  }
}
