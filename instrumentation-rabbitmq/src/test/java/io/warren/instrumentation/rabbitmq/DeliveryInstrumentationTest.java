package io.warren.instrumentation.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.warren.bootstrap.SpanStart;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** handleDelivery on every kind of consumer, and basicGet, against a real broker. */
class DeliveryInstrumentationTest extends BrokerTestBase {

  @Test
  void defaultConsumerSubclassGetsOneCurrentProcessSpanWithTheProducersHeaders() throws Exception {
    CountDownLatch delivered = new CountDownLatch(1);
    AtomicReference<String> currentInHandler = new AtomicReference<>();
    channel.basicConsume(
        queue,
        true,
        new DefaultConsumer(channel) {
          @Override
          public void handleDelivery(
              String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
            currentInHandler.set(backend.currentSpanId());
            delivered.countDown();
          }
        });
    channel.basicPublish("", queue, null, new byte[] {1, 2, 3});
    assertTrue(delivered.await(5, TimeUnit.SECONDS));
    awaitEnded(2);

    var process = backend.started("process");
    assertEquals(1, process.size());
    var span = process.get(0);
    assertEquals(SpanStart.Kind.CONSUMER, span.kind());
    assertEquals("process (temporary)", span.name(), "a server-named queue");
    assertTrue(span.madeCurrent());
    assertEquals(span.id(), currentInHandler.get(), "current while the handler runs");
    assertEquals(queue, span.attribute("messaging.rabbitmq.queue"));
    assertEquals(queue, span.attribute("messaging.rabbitmq.destination.routing_key"));
    assertEquals("process", span.attribute("messaging.operation.type"));
    assertEquals(3L, span.attribute("messaging.message.body.size"));
    assertEquals(1L, span.attribute("messaging.rabbitmq.message.delivery_tag"));
    assertNull(span.attribute("messaging.rabbitmq.message.redelivered"));
    assertEquals(backend.started("publish").get(0).id(), span.producerId());
    assertEquals(5672L, span.attribute("server.port"), "a DefaultConsumer knows its channel");
  }

  @Test
  void consumerOfANamedQueueNamesItsSpansAfterTheQueue() throws Exception {
    String named = unique("tq.billing");
    channel.queueDeclare(named, false, true, true, null);
    CountDownLatch delivered = new CountDownLatch(1);
    channel.basicConsume(named, true, (tag, delivery) -> delivered.countDown(), tag -> {});
    channel.basicPublish("", named, null, new byte[1]);
    assertTrue(delivered.await(5, TimeUnit.SECONDS));
    awaitEnded(2);

    assertEquals("publish amq.default:" + named, backend.started("publish").get(0).name());
    assertEquals("process " + named, backend.started("process").get(0).name());
  }

  @Test
  void deliverCallbackLambdaIsTracedOnceAndPublishesInsideItAreTracedToo() throws Exception {
    String next = channel.queueDeclare().getQueue();
    CountDownLatch relayed = new CountDownLatch(1);
    channel.basicConsume(
        queue,
        true,
        (tag, delivery) -> channel.basicPublish("", next, null, delivery.getBody()),
        tag -> {});
    channel.basicConsume(next, true, (tag, delivery) -> relayed.countDown(), tag -> {});
    channel.basicPublish("", queue, null, new byte[] {9});
    assertTrue(relayed.await(5, TimeUnit.SECONDS));
    awaitEnded(4);

    var process = backend.started("process");
    assertEquals(2, process.size());
    assertEquals(2, backend.started("publish").size(), "the relay's publish has its own span");
    var first = process.stream().filter(c -> queue.equals(c.attribute("messaging.rabbitmq.queue"))).findFirst().get();
    assertEquals(5672L, first.attribute("server.port"), "basicConsume told us the broker, even for a lambda");
    var relay = backend.started("publish").get(1);
    assertEquals(first.id(), relay.currentAtStart(), "the relay's publish is the delivery's child");
    var second = process.stream().filter(c -> next.equals(c.attribute("messaging.rabbitmq.queue"))).findFirst().get();
    assertEquals(relay.id(), second.producerId());
  }

  @Test
  void wrappingConsumersMakeOneSpanAndHandlerErrorsPropagateUnchanged() throws Exception {
    IllegalStateException failure = new IllegalStateException("handler failed");
    Consumer inner = new ThrowingConsumer(failure);
    Consumer outer = new DelegatingConsumer(inner);
    Envelope envelope = new Envelope(7, true, "orders", "order.created");

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () -> outer.handleDelivery("tag", envelope, new AMQP.BasicProperties(), new byte[0]));

    assertSame(failure, thrown);
    var process = backend.started("process");
    assertEquals(1, process.size());
    assertEquals("process orders", process.get(0).name(), "no subscription known: the exchange");
    assertNull(process.get(0).attribute("messaging.rabbitmq.queue"));
    assertEquals(true, process.get(0).attribute("messaging.rabbitmq.message.redelivered"));
    assertEquals(1, backend.ended.size());
    assertSame(failure, backend.ended.get(0).error());
    assertNull(backend.currentSpanId(), "the span is no longer current");
  }

  @Test
  void handlesNullPropertiesAndNullHeaders() throws Exception {
    Consumer consumer = new DelegatingConsumer(null);
    Envelope envelope = new Envelope(1, false, "", "q");
    consumer.handleDelivery("tag", envelope, null, null);
    consumer.handleDelivery("tag", envelope, new AMQP.BasicProperties.Builder().build(), new byte[0]);
    var process = backend.started("process");
    assertEquals(2, process.size());
    assertEquals("process q", process.get(0).name(), "on the default exchange: the routing key");
    assertNull(process.get(0).carrier());
    assertNull(process.get(0).attribute("messaging.message.body.size"));
    assertEquals(2, backend.ended.size());
  }

  @Test
  void basicGetTracesMessagesButNotEmptyGets() throws Exception {
    channel.basicGet(queue, true);
    assertEquals(0, backend.started("receive").size(), "an empty get makes no span");

    long before = System.currentTimeMillis() * 1_000_000L;
    channel.basicPublish(
        "", queue, new AMQP.BasicProperties.Builder().headers(Map.of("k", "v")).build(), new byte[5]);
    channel.basicGet(queue, true);

    var receive = backend.started("receive");
    assertEquals(1, receive.size());
    var span = receive.get(0);
    assertEquals(SpanStart.Kind.CONSUMER, span.kind());
    assertEquals("receive (temporary)", span.name());
    assertFalse(span.madeCurrent());
    assertTrue(span.startEpochNanos() >= before, "started when basicGet was called");
    assertEquals(queue, span.attribute("messaging.rabbitmq.queue"));
    assertEquals(5L, span.attribute("messaging.message.body.size"));
    assertEquals("v", String.valueOf(span.carrier().get("k")));
    assertEquals(backend.started("publish").get(0).id(), span.producerId());
    assertEquals(2, backend.ended.size());
  }

  /** A plain Consumer implementation, not a DefaultConsumer. */
  private static class DelegatingConsumer implements Consumer {
    private final Consumer delegate;

    DelegatingConsumer(Consumer delegate) {
      this.delegate = delegate;
    }

    @Override
    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties p, byte[] body)
        throws IOException {
      if (delegate != null) {
        delegate.handleDelivery(tag, envelope, p, body);
      }
    }

    @Override
    public void handleConsumeOk(String tag) {}

    @Override
    public void handleCancelOk(String tag) {}

    @Override
    public void handleCancel(String tag) {}

    @Override
    public void handleShutdownSignal(String tag, ShutdownSignalException sig) {}

    @Override
    public void handleRecoverOk(String tag) {}
  }

  private static final class ThrowingConsumer extends DelegatingConsumer {
    private final RuntimeException failure;

    ThrowingConsumer(RuntimeException failure) {
      super(null);
      this.failure = failure;
    }

    @Override
    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties p, byte[] body) {
      throw failure;
    }
  }
}
