package io.warren.instrumentation.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.testing.RecordingBackend;
import io.warren.bootstrap.testing.ThrowingBackend;
import io.warren.instrumentation.rabbitmq.bootstrap.RabbitSpans;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** basicPublish against a real broker, through the client's default AutorecoveringChannel. */
class PublishInstrumentationTest extends BrokerTestBase {

  @Test
  void eachOverloadMakesExactlyOneSpanThroughTheDelegatingChannel() throws Exception {
    byte[] body = "b".getBytes(StandardCharsets.UTF_8);
    channel.basicPublish("", queue, null, body);
    channel.basicPublish("", queue, false, null, body);
    channel.basicPublish("", queue, false, false, null, body);
    channel.basicPublish("", queue, false, false, null, ByteBuffer.wrap(body), null);

    assertEquals(4, backend.started("publish").size());
    assertEquals(4, backend.ended.size());
    for (int i = 0; i < 4; i++) {
      GetResponse got = channel.basicGet(queue, true);
      assertNotNull(got.getProps().getHeaders().get(RecordingBackend.MARK), "context header sent");
      assertArrayEquals(body, got.getBody());
    }
  }

  @Test
  void describesAProducerSpanWithDestinationBodySizeIdsAndBroker() throws Exception {
    AMQP.BasicProperties props =
        new AMQP.BasicProperties.Builder().messageId("m-1").correlationId("c-1").build();
    channel.basicPublish("", queue, props, new byte[42]);

    RecordingBackend.Span publish = backend.started("publish").get(0);
    assertEquals(RabbitSpans.INSTRUMENTATION, publish.instrumentation());
    assertEquals(SpanStart.Kind.PRODUCER, publish.kind());
    assertFalse(publish.madeCurrent());
    assertEquals("publish amq.default:(temporary)", publish.name(), "a server-named queue");
    assertEquals("rabbitmq", publish.attribute("messaging.system"));
    assertEquals("send", publish.attribute("messaging.operation.type"));
    assertEquals("", publish.attribute("messaging.destination.name"));
    assertEquals(queue, publish.attribute("messaging.rabbitmq.destination.routing_key"));
    assertEquals(true, publish.attribute("messaging.destination.temporary"));
    assertEquals(42L, publish.attribute("messaging.message.body.size"));
    assertEquals("m-1", publish.attribute("messaging.message.id"));
    assertEquals("c-1", publish.attribute("messaging.message.conversation_id"));
    assertEquals("rabbitmq", publish.attribute("peer.service"));
    assertEquals(5672L, publish.attribute("server.port"));
    assertNotNull(publish.attribute("server.address"));
  }

  @Test
  void publishesToANamedExchangeAreNamedByTheExchangeWhateverTheirRoutingKeys() throws Exception {
    String exchange = unique("tq.orders");
    channel.exchangeDeclare(exchange, "topic", false, true, null);
    channel.basicPublish(exchange, "order.17.created", null, new byte[1]);
    channel.basicPublish(exchange, "order.18.created", null, new byte[1]);

    assertEquals(2, backend.named("publish " + exchange).size(), "spans: " + backend.started);
    assertEquals(
        "order.18.created",
        backend.named("publish " + exchange).get(1).attribute("messaging.rabbitmq.destination.routing_key"));
  }

  @Test
  void theCarrierStartsAsACopyOfTheCallersHeaders() throws Exception {
    // An application that traces itself may set traceparent: the core sees it in the carrier
    // (and continues its trace when no span is current).
    Map<String, Object> callers = new HashMap<>(Map.of("traceparent", "00-app", "user", "u1"));
    channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().headers(callers).build(), new byte[1]);

    RecordingBackend.Span publish = backend.started("publish").get(0);
    assertEquals(Map.of("traceparent", "00-app", "user", "u1"), publish.carrier());
    assertEquals(Map.of("traceparent", "00-app", "user", "u1"), callers, "the caller's map is untouched");
    Map<String, Object> sent = channel.basicGet(queue, true).getProps().getHeaders();
    assertEquals("u1", String.valueOf(sent.get("user")));
    assertEquals(publish.id(), String.valueOf(sent.get(RecordingBackend.MARK)));
  }

  @Test
  void neverChangesTheCallersPropertiesOrHeaderMaps() throws Exception {
    Map<String, Object> mutable = new HashMap<>(Map.of("user", "u1"));
    AMQP.BasicProperties withMutable = new AMQP.BasicProperties.Builder().headers(mutable).build();
    AMQP.BasicProperties withImmutable =
        new AMQP.BasicProperties.Builder().headers(Map.of("user", "u2", "n", 7)).build();
    AMQP.BasicProperties withUnmodifiable =
        new AMQP.BasicProperties.Builder()
            .headers(Collections.unmodifiableMap(new HashMap<>(Map.of("user", "u3"))))
            .build();

    channel.basicPublish("", queue, withMutable, new byte[] {1});
    channel.basicPublish("", queue, withImmutable, new byte[] {2});
    channel.basicPublish("", queue, withUnmodifiable, new byte[] {3});
    channel.basicPublish("", queue, MessageProperties.PERSISTENT_TEXT_PLAIN, new byte[] {4});

    assertEquals(Map.of("user", "u1"), mutable);
    assertEquals(Map.of("user", "u1"), withMutable.getHeaders());
    assertNull(MessageProperties.PERSISTENT_TEXT_PLAIN.getHeaders());
    assertEquals("u1", header(channel.basicGet(queue, true), "user"));
    GetResponse second = channel.basicGet(queue, true);
    assertEquals("u2", header(second, "user"));
    assertEquals(7, second.getProps().getHeaders().get("n"));
    assertEquals("u3", header(channel.basicGet(queue, true), "user"));
    GetResponse persistent = channel.basicGet(queue, true);
    assertEquals(2, persistent.getProps().getDeliveryMode(), "the other properties go out as given");
    assertEquals("text/plain", persistent.getProps().getContentType());
    assertEquals(4, backend.started("publish").size());
  }

  @Test
  void aFailingBackendNeitherLosesNorAltersTheMessage() throws Exception {
    Tracing.install(new ThrowingBackend());
    try {
      channel.basicPublish("", queue, null, "intact".getBytes(StandardCharsets.UTF_8));
    } finally {
      Tracing.install(backend);
    }
    GetResponse got = channel.basicGet(queue, true);
    assertEquals("intact", new String(got.getBody(), StandardCharsets.UTF_8));
    assertNull(got.getProps().getHeaders(), "nothing the failed backend wrote went out");
    assertTrue(backend.started.stream().noneMatch(span -> span.operation().equals("publish")));
  }

  private static String header(GetResponse response, String name) {
    return String.valueOf(response.getProps().getHeaders().get(name));
  }
}
