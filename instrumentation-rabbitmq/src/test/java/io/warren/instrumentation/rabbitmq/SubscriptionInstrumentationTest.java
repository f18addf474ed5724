package io.warren.instrumentation.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.warren.bootstrap.testing.RecordingBackend;
import io.warren.instrumentation.rabbitmq.bootstrap.api.Subscriptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Which queue a delivery came from, when one consumer object serves several subscriptions. */
class SubscriptionInstrumentationTest extends BrokerTestBase {

  /** Records, per consumer tag, the span current while its delivery was handled. */
  private static final class SharedConsumer extends DefaultConsumer {
    final Map<String, String> currentByTag = new ConcurrentHashMap<>();
    private final RecordingBackend backend;
    private final CountDownLatch delivered;

    SharedConsumer(Channel channel, RecordingBackend backend, CountDownLatch delivered) {
      super(channel);
      this.backend = backend;
      this.delivered = delivered;
    }

    @Override
    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
      currentByTag.put(tag, String.valueOf(backend.currentSpanId()));
      delivered.countDown();
    }
  }

  @Test
  void oneConsumerOnTwoQueuesNamesEachDeliveryAfterItsOwnQueue() throws Exception {
    String exchange = unique("tq.ex");
    String q1 = unique("tq.q1");
    String q2 = unique("tq.q2");
    channel.exchangeDeclare(exchange, "direct", false, true, null);
    for (String q : new String[] {q1, q2}) {
      channel.queueDeclare(q, false, true, true, null);
      channel.queueBind(q, exchange, "k");
    }
    CountDownLatch delivered = new CountDownLatch(2);
    SharedConsumer consumer = new SharedConsumer(channel, backend, delivered);
    String tag1 = channel.basicConsume(q1, true, consumer);
    String tag2 = channel.basicConsume(q2, true, consumer);
    backend.clear();

    channel.basicPublish(exchange, "k", null, new byte[] {1});
    assertTrue(delivered.await(5, TimeUnit.SECONDS), "the message reached both queues");
    awaitEnded(3);

    String publishId = backend.started("publish").get(0).id();
    assertEquals("publish " + exchange, backend.byId(publishId).name());
    Map<String, String> queueByTag = Map.of(tag1, q1, tag2, q2);
    for (Map.Entry<String, String> subscription : queueByTag.entrySet()) {
      String spanId = consumer.currentByTag.get(subscription.getKey());
      RecordingBackend.Span process = backend.byId(spanId);
      String expected = subscription.getValue();
      assertEquals("process " + expected, process.name(), "tag " + subscription.getKey());
      assertEquals(expected, process.attribute("messaging.rabbitmq.queue"));
      assertEquals(exchange, process.attribute("messaging.destination.name"));
      assertEquals(publishId, process.producerId());
      assertEquals(5672L, process.attribute("server.port"));
    }
    assertNotEquals(consumer.currentByTag.get(tag1), consumer.currentByTag.get(tag2));
  }

  @Test
  void aCancelledSubscriptionAndAClosedChannelAreForgotten() throws Exception {
    String q1 = unique("tq.c1");
    String q2 = unique("tq.c2");
    Channel own = connection.createChannel();
    own.queueDeclare(q1, false, true, true, null);
    own.queueDeclare(q2, false, true, true, null);
    SharedConsumer consumer = new SharedConsumer(own, backend, new CountDownLatch(0));
    String tag1 = own.basicConsume(q1, true, consumer);
    String tag2 = own.basicConsume(q2, true, consumer);
    assertEquals(q1, Subscriptions.find(consumer, tag1).queue);
    assertNotNull(Subscriptions.find(consumer, tag1).address, "the broker is known");
    assertEquals(5672, Subscriptions.find(consumer, tag1).port);

    own.basicCancel(tag1);
    awaitTrue(() -> Subscriptions.find(consumer, tag1) == null, "forgotten on handleCancelOk");
    assertEquals(q2, Subscriptions.find(consumer, tag2).queue, "the other subscription stays");

    own.close();
    awaitTrue(() -> Subscriptions.find(consumer, tag2) == null, "forgotten on handleShutdownSignal");
  }

  private static void awaitTrue(BooleanSupplier condition, String message) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(condition.getAsBoolean(), message);
  }

  @Test
  void aConsumerNeverSubscribedHasNoSubscription() {
    assertNull(Subscriptions.find(new Object(), "amq.ctag-none"));
  }
}
