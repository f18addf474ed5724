package io.warren.instrumentation.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
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

    assertEquals(4, tracer.started("publish").size());
    assertEquals(4, tracer.ended.size());
    for (int i = 0; i < 4; i++) {
      GetResponse got = channel.basicGet(queue, true);
      assertNotNull(got.getProps().getHeaders().get(RecordingTracer.MARK), "context header sent");
      assertArrayEquals(body, got.getBody());
    }
  }

  @Test
  void reportsDestinationBodySizeIdsAndBroker() throws Exception {
    AMQP.BasicProperties props =
        new AMQP.BasicProperties.Builder().messageId("m-1").correlationId("c-1").build();
    channel.basicPublish("", queue, props, new byte[42]);

    var message = tracer.started("publish").get(0).message();
    assertEquals("", message.exchange());
    assertEquals(queue, message.routingKey());
    assertEquals(42, message.bodySize());
    assertEquals("m-1", message.messageId());
    assertEquals("c-1", message.correlationId());
    assertEquals(5672, message.serverPort());
    assertNotNull(message.serverAddress());
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
    assertEquals(4, tracer.started("publish").size());
  }

  @Test
  void aFailingTracerNeitherLosesNorAltersTheMessage() throws Exception {
    io.warren.bootstrap.Messaging.install(new ThrowingTracer());
    try {
      channel.basicPublish("", queue, null, "intact".getBytes(StandardCharsets.UTF_8));
    } finally {
      io.warren.bootstrap.Messaging.install(tracer);
    }
    GetResponse got = channel.basicGet(queue, true);
    assertEquals("intact", new String(got.getBody(), StandardCharsets.UTF_8));
    assertNull(got.getProps().getHeaders(), "nothing the failed tracer wrote went out");
  }

  private static String header(GetResponse response, String name) {
    return String.valueOf(response.getProps().getHeaders().get(name));
  }
}
