package io.warren.instrumentation.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import io.warren.bootstrap.testing.RecordingBackend;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A publish the broker refuses (here: to an exchange that does not exist) closes the channel and
 * the message is gone; the trace says so with the broker's reply, with and without confirms.
 */
class RefusedPublishInstrumentationTest extends BrokerTestBase {

  @Test
  void withoutConfirmsTheRefusedPublishGetsAFailedChildWithTheBrokersReply() throws Exception {
    Channel publishing = connection.createChannel();
    String missing = unique("no-such-exchange");
    CompletableFuture<ShutdownSignalException> closed = closeOf(publishing);
    publishing.basicPublish(missing, "k", null, new byte[1]);
    closed.get(10, TimeUnit.SECONDS);
    awaitEnded(2);

    RecordingBackend.Span publish = backend.started("publish").get(0);
    RecordingBackend.Span refused = backend.named("publish refused").get(0);
    assertEquals(publish.id(), refused.childOf(), "under the publish that was refused");
    assertEquals(404L, refused.attribute("messaging.rabbitmq.refused.reply_code"));
    String text = (String) refused.attribute("messaging.rabbitmq.refused.reply_text");
    assertTrue(text.startsWith("NOT_FOUND - no exchange '" + missing + "'"), text);
    assertEquals(Map.of(refused.id(), "404"), backend.failures, "only the refusal is an error");
  }

  @Test
  void inConfirmModeTheOpenPublishSpanFailsWithTheBrokersReply() throws Exception {
    Channel confirming = connection.createChannel();
    confirming.confirmSelect();
    CompletableFuture<ShutdownSignalException> closed = closeOf(confirming);
    confirming.basicPublish(unique("no-such-exchange"), "k", null, new byte[1]);
    closed.get(10, TimeUnit.SECONDS);
    awaitEnded(1);

    RecordingBackend.Span publish = backend.started("publish").get(0);
    assertEquals("unconfirmed", publish.attribute("messaging.rabbitmq.confirm"));
    assertEquals("channel closed", publish.attribute("messaging.rabbitmq.confirm.reason"));
    assertEquals(404L, publish.attribute("messaging.rabbitmq.refused.reply_code"));
    assertTrue(((String) publish.attribute("messaging.rabbitmq.refused.reply_text"))
        .startsWith("NOT_FOUND - no exchange"));
    assertEquals(Map.of(publish.id(), "404"), backend.failures);
    assertTrue(backend.named("publish refused").isEmpty(), "no span of its own: " + backend.started);
  }

  @Test
  void aChannelTheBrokerClosesForAnotherMethodRefusesNoPublish() throws Exception {
    Channel publishing = connection.createChannel();
    publishing.basicPublish("", queue, null, new byte[1]);
    CompletableFuture<ShutdownSignalException> closed = closeOf(publishing);
    // 404 too, but for queue.declare: the publish before it was delivered.
    assertThrows(IOException.class, () -> publishing.queueDeclarePassive(unique("no-such-queue")));
    closed.get(10, TimeUnit.SECONDS);
    assertNoRefusalAfter(1);
  }

  @Test
  void aChannelTheApplicationClosesRefusesNoPublish() throws Exception {
    Channel publishing = connection.createChannel();
    publishing.basicPublish("", queue, null, new byte[1]);
    publishing.close();
    assertNoRefusalAfter(1);
  }

  /** A later publish's span ended after {@code spans}: nothing else was recorded before it. */
  private void assertNoRefusalAfter(int spans) throws Exception {
    channel.basicPublish("", queue, null, new byte[1]);
    awaitEnded(spans + 1);
    assertEquals(List.of(), backend.named("publish refused"));
    assertTrue(backend.failures.isEmpty(), backend.failures.toString());
  }

  private static CompletableFuture<ShutdownSignalException> closeOf(Channel channel) {
    CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
    channel.addShutdownListener(closed::complete);
    return closed;
  }
}
