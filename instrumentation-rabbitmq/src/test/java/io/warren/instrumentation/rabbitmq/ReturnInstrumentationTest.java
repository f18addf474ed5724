package io.warren.instrumentation.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import io.warren.bootstrap.testing.RecordingBackend;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A mandatory publish the broker cannot route comes back: its trace says so. */
class ReturnInstrumentationTest extends BrokerTestBase {

  @Test
  void aReturnedMessageIsAChildOfItsPublishWithTheBrokersReply() throws Exception {
    publishUnroutable("unroutable-1");
    RecordingBackend.Span returned = awaitReturn();
    RecordingBackend.Span publish = backend.started("publish").get(0);

    assertEquals(publish.id(), returned.producerId(), "child of the publish");
    assertEquals("return amq.direct", returned.name());
    assertEquals(312L, returned.attribute("messaging.rabbitmq.return.reply_code"));
    assertEquals("NO_ROUTE", returned.attribute("messaging.rabbitmq.return.reply_text"));
    assertEquals("unroutable-1", returned.attribute("messaging.message.id"));
  }

  @Test
  void theApplicationsReturnListenerStillGetsTheMessageOnceAndIntact() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    CountDownLatch heard = new CountDownLatch(1);
    channel.addReturnListener(returned -> {
      bodies.add(new String(returned.getBody(), StandardCharsets.UTF_8));
      heard.countDown();
    });
    publishUnroutable("unroutable-2");
    assertTrue(heard.await(10, TimeUnit.SECONDS), "the application's listener was called");
    awaitReturn();
    assertEquals(List.of("body unroutable-2"), bodies);
  }

  private void publishUnroutable(String messageId) throws Exception {
    channel.basicPublish("amq.direct", "no-such-key-" + messageId, true,
        new AMQP.BasicProperties.Builder().messageId(messageId).build(),
        ("body " + messageId).getBytes(StandardCharsets.UTF_8));
  }

  private RecordingBackend.Span awaitReturn() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      List<RecordingBackend.Span> returns = backend.started("return");
      if (!returns.isEmpty()) {
        assertEquals(1, returns.size(), "one span per returned message");
        return returns.get(0);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no return span: " + backend.started);
  }
}
