package io.warren.instrumentation.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** handleDelivery on every kind of consumer, and basicGet, against a real broker. */
class DeliveryInstrumentationTest extends BrokerTestBase {

  @Test
  void defaultConsumerSubclassGetsOneProcessSpanWithTheProducersHeaders() throws Exception {
    CountDownLatch delivered = new CountDownLatch(1);
    channel.basicConsume(
        queue,
        true,
        new DefaultConsumer(channel) {
          @Override
          public void handleDelivery(
              String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
            delivered.countDown();
          }
        });
    channel.basicPublish("", queue, null, new byte[] {1, 2, 3});
    assertTrue(delivered.await(5, TimeUnit.SECONDS));
    awaitEnded(2);

    var process = tracer.started("process");
    assertEquals(1, process.size());
    var message = process.get(0).message();
    assertEquals(queue, message.routingKey());
    assertEquals(3, message.bodySize());
    assertEquals(1, message.deliveryTag());
    assertEquals(tracer.started("publish").get(0).spanId(), message.headers().get(RecordingTracer.MARK).toString());
    assertEquals(5672, message.serverPort(), "a DefaultConsumer knows its channel");
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

    var process = tracer.started("process");
    assertEquals(2, process.size());
    assertEquals(2, tracer.started("publish").size(), "the relay's publish has its own span");
    var first = process.stream().filter(c -> c.message().routingKey().equals(queue)).findFirst().get();
    assertEquals(queue, first.message().queue(), "basicConsume told us the queue");
    assertEquals(5672, first.message().serverPort(), "and the broker, even for a lambda");
  }

  @Test
  void wrappingConsumersMakeOneSpanAndHandlerErrorsPropagateUnchanged() throws Exception {
    IllegalStateException failure = new IllegalStateException("handler failed");
    Consumer inner = new ThrowingConsumer(failure);
    Consumer outer = new DelegatingConsumer(inner);
    Envelope envelope = new Envelope(7, false, "orders", "order.created");

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () -> outer.handleDelivery("tag", envelope, new AMQP.BasicProperties(), new byte[0]));

    assertSame(failure, thrown);
    assertEquals(1, tracer.started("process").size());
    assertEquals(1, tracer.ended.size());
    assertSame(failure, tracer.ended.get(0).error());
  }

  @Test
  void handlesNullPropertiesAndNullHeaders() throws Exception {
    Consumer consumer = new DelegatingConsumer(null);
    Envelope envelope = new Envelope(1, false, "", "q");
    consumer.handleDelivery("tag", envelope, null, null);
    consumer.handleDelivery("tag", envelope, new AMQP.BasicProperties.Builder().build(), new byte[0]);
    assertEquals(2, tracer.started("process").size());
    assertEquals(2, tracer.ended.size());
  }

  @Test
  void basicGetTracesMessagesButNotEmptyGets() throws Exception {
    channel.basicGet(queue, true);
    assertEquals(0, tracer.started("receive").size(), "an empty get makes no span");

    channel.basicPublish(
        "", queue, new AMQP.BasicProperties.Builder().headers(Map.of("k", "v")).build(), new byte[5]);
    channel.basicGet(queue, true);

    var receive = tracer.started("receive");
    assertEquals(1, receive.size());
    assertEquals(queue, receive.get(0).message().queue());
    assertEquals(5, receive.get(0).message().bodySize());
    assertEquals(
        tracer.started("publish").get(0).spanId(),
        receive.get(0).message().headers().get(RecordingTracer.MARK).toString());
  }

  private void awaitEnded(int spans) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (tracer.ended.size() < spans && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(spans, tracer.ended.size());
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
