package io.warren.instrumentation.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.testing.RecordingBackend;
import io.warren.bootstrap.testing.ThrowingBackend;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A poison message, nacked with requeue by its consumer again and again, adds a bounded number
 * of spans to its trace: the first 10 redeliveries and then the 16th, 32nd, ... (the default of
 * warren.messaging.redelivery.spans), and the settle that ends the loop says how long it ran.
 */
class RedeliveryLoopTest extends BrokerTestBase {

  private static final int NACKS = 1000;

  @Test
  void aMessageNackedAThousandTimesThenAckedKeepsSeventeenProcessSpansAndOneSettle() throws Exception {
    int handled = nackThenAck(NACKS);
    assertEquals(NACKS + 1, handled);
    RecordingBackend.Span settle = awaitSettle();
    String publish = backend.started("publish").get(0).id();

    List<RecordingBackend.Span> processes = backend.started("process");
    // Deliveries 0..10, then redeliveries 16, 32, 64, 128, 256, 512.
    assertEquals(17, processes.size(), () -> "process spans: " + processes);
    for (RecordingBackend.Span process : processes) {
      assertEquals(publish, process.producerId(), "every kept delivery is in the message's trace");
      assertEquals("nack", process.attribute("messaging.rabbitmq.settlement"));
    }
    assertNull(processes.get(0).attribute("messaging.rabbitmq.redelivery_count"), "the first delivery");
    assertEquals(10L, processes.get(10).attribute("messaging.rabbitmq.redelivery_count"));
    assertNull(processes.get(10).attribute("messaging.rabbitmq.redelivery.unrecorded"));
    assertEquals(16L, processes.get(11).attribute("messaging.rabbitmq.redelivery_count"));
    assertEquals(5L, processes.get(11).attribute("messaging.rabbitmq.redelivery.unrecorded"));
    assertEquals(512L, processes.get(16).attribute("messaging.rabbitmq.redelivery_count"));
    assertEquals(255L, processes.get(16).attribute("messaging.rabbitmq.redelivery.unrecorded"));

    assertEquals(publish, settle.producerId(), "the loop's end is in the message's trace");
    assertEquals("ack", settle.attribute("messaging.rabbitmq.settlement"));
    assertEquals((long) NACKS, settle.attribute("messaging.rabbitmq.redelivery_count"));
    assertEquals(487L, settle.attribute("messaging.rabbitmq.redelivery.unrecorded"));
    assertEquals(19, backend.started.size(), () -> "publish, 17 process, 1 settle: " + backend.started);
  }

  @Test
  void aFailingBackendChangesNothingForTheLoop() throws Exception {
    Tracing.install(new ThrowingBackend());
    try {
      assertEquals(31, nackThenAck(30), "every delivery reached the handler, the last one acked");
    } finally {
      Tracing.install(backend);
    }
    assertEquals(0, channel.queueDeclarePassive(queue).getMessageCount(), "acked: the queue is empty");
  }

  /** Publishes one message; its consumer nacks it with requeue {@code nacks} times, then acks it. */
  private int nackThenAck(int nacks) throws Exception {
    AtomicInteger deliveries = new AtomicInteger();
    CountDownLatch acked = new CountDownLatch(1);
    channel.basicConsume(queue, false, new DefaultConsumer(channel) {
      @Override
      public void handleDelivery(String consumerTag, Envelope envelope,
          AMQP.BasicProperties properties, byte[] body) throws IOException {
        if (deliveries.incrementAndGet() <= nacks) {
          getChannel().basicNack(envelope.getDeliveryTag(), false, true);
        } else {
          getChannel().basicAck(envelope.getDeliveryTag(), false);
          acked.countDown();
        }
      }
    });
    // A message id too: with a failing backend it is all that tells the redeliveries apart.
    channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().messageId(unique("poison")).build(), new byte[1]);
    assertTrue(acked.await(60, TimeUnit.SECONDS), () -> "acked after " + deliveries + " deliveries");
    return deliveries.get();
  }

  private RecordingBackend.Span awaitSettle() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      List<RecordingBackend.Span> settles = backend.named("settle (temporary)");
      if (!settles.isEmpty()) {
        assertEquals(1, settles.size(), () -> "one settle: " + settles);
        return settles.get(0);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no settle span in " + backend.started);
  }
}
