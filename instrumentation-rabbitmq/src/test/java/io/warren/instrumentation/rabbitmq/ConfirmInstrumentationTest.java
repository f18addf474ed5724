package io.warren.instrumentation.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import io.warren.bootstrap.testing.RecordingBackend;
import io.warren.instrumentation.rabbitmq.bootstrap.Confirms;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** On a channel in confirm mode a publish span lasts until the broker answers. */
class ConfirmInstrumentationTest extends BrokerTestBase {

  @Test
  void aConfirmedPublishEndsWithTheBrokersAck() throws Exception {
    channel.confirmSelect();
    channel.basicPublish("", queue, null, new byte[8]);
    channel.waitForConfirmsOrDie(10_000);
    awaitEnded(1);
    RecordingBackend.Span publish = backend.started("publish").get(0);
    assertEquals("ack", publish.attribute("messaging.rabbitmq.confirm"));
    assertTrue((Long) publish.attribute("messaging.rabbitmq.publish.call_duration_us") >= 0);
    assertTrue(backend.failures.isEmpty(), backend.failures.toString());
  }

  @Test
  void aPublishTheBrokerRefusesIsNackedAndFailed() throws Exception {
    Channel declaring = connection.createChannel();
    String full = declaring.queueDeclare("", false, true, true,
        Map.of("x-max-length", 1, "x-overflow", "reject-publish")).getQueue();
    channel.confirmSelect();
    List<String> heard = new CopyOnWriteArrayList<>();
    channel.addConfirmListener(
        (tag, multiple) -> heard.add("ack " + tag), (tag, multiple) -> heard.add("nack " + tag));
    backend.clear();
    channel.basicPublish("", full, null, new byte[1]);
    channel.basicPublish("", full, null, new byte[1]);
    assertFalse(channel.waitForConfirms(10_000), "the second publish is nacked");
    awaitEnded(2);
    List<RecordingBackend.Span> publishes = backend.started("publish");
    assertEquals("ack", publishes.get(0).attribute("messaging.rabbitmq.confirm"));
    assertEquals("nack", publishes.get(1).attribute("messaging.rabbitmq.confirm"));
    assertEquals(Map.of(publishes.get(1).id(), "nack"), backend.failures);
    assertEquals(List.of("ack 1", "nack 2"), heard, "the application's listener heard both");
  }

  @Test
  void aSlowConfirmListenerDelaysNoConfirmIntoATimeout() throws Exception {
    Confirms.timeoutMillis(500);
    try {
      channel.confirmSelect();
      List<String> heard = new CopyOnWriteArrayList<>();
      channel.addConfirmListener(
          (tag, multiple) -> {
            heard.add("ack " + tag);
            try {
              Thread.sleep(3_000); // a slow application listener, on the connection's thread
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          },
          (tag, multiple) -> heard.add("nack " + tag));
      for (int i = 0; i < 3; i++) {
        channel.basicPublish("", queue, null, new byte[8]);
      }
      channel.waitForConfirmsOrDie(30_000);
      awaitEnded(3);
      for (RecordingBackend.Span publish : backend.started("publish")) {
        assertEquals("ack", publish.attribute("messaging.rabbitmq.confirm"),
            () -> "confirms heard " + heard + "; " + publish);
      }
      assertFalse(heard.isEmpty());
    } finally {
      Confirms.timeoutMillis(30_000);
    }
  }

  @Test
  void withoutConfirmModeNothingChanges() throws Exception {
    channel.basicPublish("", queue, null, new byte[8]);
    awaitEnded(1);
    assertNull(backend.started("publish").get(0).attribute("messaging.rabbitmq.confirm"));
  }

  @Test
  void aReturnGoesOnTheOpenPublishSpan() throws Exception {
    channel.confirmSelect();
    channel.basicPublish("amq.direct", "nobody-" + unique("k"), true,
        new AMQP.BasicProperties.Builder().messageId("returned").build(),
        "body".getBytes(StandardCharsets.UTF_8));
    channel.waitForConfirmsOrDie(10_000);
    awaitEnded(1);
    RecordingBackend.Span publish = backend.started("publish").get(0);
    assertEquals(312L, publish.attribute("messaging.rabbitmq.return.reply_code"));
    assertEquals("NO_ROUTE", publish.attribute("messaging.rabbitmq.return.reply_text"));
    assertEquals("ack", publish.attribute("messaging.rabbitmq.confirm"));
    assertTrue(backend.started("return").isEmpty(), "no span of its own: " + backend.started);
  }

  @Test
  void closingTheChannelEndsWhatItHadNotConfirmed() throws Exception {
    Channel confirming = connection.createChannel();
    confirming.confirmSelect();
    // A publish to an exchange that does not exist closes the channel before any confirm.
    confirming.basicPublish("no-such-exchange-" + unique("x"), "k", null, new byte[1]);
    awaitEnded(1);
    RecordingBackend.Span publish = backend.started("publish").get(0);
    assertEquals("unconfirmed", publish.attribute("messaging.rabbitmq.confirm"));
    assertEquals("channel closed", publish.attribute("messaging.rabbitmq.confirm.reason"));
  }
}
