package io.warren.agent.otel;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.warren.bootstrap.MessageDetails;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessagingAttributesTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();

  @AfterEach
  void tearDown() {
    tracerProvider.close();
  }

  @Test
  void redeliveryAndTemporaryDestinationAreFlagged() {
    Attributes attributes =
        attributesOf(
            Operation.PROCESS,
            new MessageDetails("", "amq.gen-4kVfQzmk3Zmh7QbB0yJzxA", null, 0).withDelivery(0, true));

    assertEquals(true, attributes.get(booleanKey("messaging.rabbitmq.message.redelivered")));
    assertEquals(true, attributes.get(booleanKey("messaging.destination.temporary")));
    assertEquals(0L, attributes.get(longKey("messaging.rabbitmq.message.delivery_tag")));
    assertEquals(0L, attributes.get(longKey("messaging.message.body.size")));
  }

  @Test
  void unknownValuesAreLeftOut() {
    Attributes attributes =
        attributesOf(Operation.PUBLISH, new MessageDetails("logs", "", null, -1));

    assertEquals("logs", attributes.get(stringKey("messaging.destination.name")));
    assertEquals("rabbitmq", attributes.get(stringKey("peer.service")));
    for (String key :
        new String[] {
          "messaging.rabbitmq.destination.routing_key",
          "messaging.rabbitmq.queue",
          "messaging.message.id",
          "messaging.message.conversation_id",
          "server.address"
        }) {
      assertNull(attributes.get(stringKey(key)), key);
    }
    assertNull(attributes.get(longKey("messaging.rabbitmq.message.delivery_tag")));
    assertNull(attributes.get(longKey("messaging.message.body.size")));
    assertNull(attributes.get(longKey("server.port")));
    assertNull(attributes.get(booleanKey("messaging.rabbitmq.message.redelivered")));
    assertNull(attributes.get(booleanKey("messaging.destination.temporary")));
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

  private String serverAddressOf(InetAddress address) {
    return attributesOf(
            Operation.PUBLISH, new MessageDetails("", "q", null, 1).withServer(address, 5671))
        .get(stringKey("server.address"));
  }

  private Attributes attributesOf(Operation operation, MessageDetails message) {
    exporter.reset();
    SpanBuilder builder = tracerProvider.get("test").spanBuilder("span");
    MessagingAttributes.apply(builder, operation, message);
    builder.startSpan().end();
    return exporter.getFinishedSpanItems().get(0).getAttributes();
  }
}
