package io.warren.instrumentation.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.warren.bootstrap.testing.RecordingBackend;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How a handler settled its delivery is on the delivery's span. */
class SettlementInstrumentationTest extends BrokerTestBase {

  /** What the handler does with the delivery it is given. */
  interface Settle {
    void settle(com.rabbitmq.client.Channel channel, long tag) throws IOException;
  }

  @Test
  void ackInsideTheHandler() throws Exception {
    RecordingBackend.Span process = consumeOne(false, (channel, tag) -> channel.basicAck(tag, false));
    assertEquals("ack", process.attribute("messaging.rabbitmq.settlement"));
    assertNull(process.attribute("messaging.rabbitmq.settlement.requeue"));
  }

  @Test
  void nackWithoutRequeue() throws Exception {
    RecordingBackend.Span process =
        consumeOne(false, (channel, tag) -> channel.basicNack(tag, false, false));
    assertEquals("nack", process.attribute("messaging.rabbitmq.settlement"));
    assertEquals(false, process.attribute("messaging.rabbitmq.settlement.requeue"));
  }

  @Test
  void rejectWithRequeueThenAck() throws Exception {
    CountDownLatch twice = new CountDownLatch(2);
    channel.basicConsume(queue, false, new DefaultConsumer(channel) {
      @Override
      public void handleDelivery(String consumerTag, Envelope envelope,
          AMQP.BasicProperties properties, byte[] body) throws IOException {
        if (envelope.isRedeliver()) {
          getChannel().basicAck(envelope.getDeliveryTag(), true);
        } else {
          getChannel().basicReject(envelope.getDeliveryTag(), true);
        }
        twice.countDown();
      }
    });
    channel.basicPublish("", queue, null, new byte[1]);
    assertTrue(twice.await(10, TimeUnit.SECONDS));
    List<RecordingBackend.Span> processes = awaitProcesses(2);
    assertEquals("reject", processes.get(0).attribute("messaging.rabbitmq.settlement"));
    assertEquals(true, processes.get(0).attribute("messaging.rabbitmq.settlement.requeue"));
    assertEquals("ack", processes.get(1).attribute("messaging.rabbitmq.settlement"));
    assertEquals(true, processes.get(1).attribute("messaging.rabbitmq.settlement.multiple"));
  }

  @Test
  void autoAckConsumersAreMarked() throws Exception {
    RecordingBackend.Span process = consumeOne(true, (channel, tag) -> {});
    assertEquals("auto-ack", process.attribute("messaging.rabbitmq.settlement"));
  }

  @Test
  void aSettleAfterTheSpanEndedIsAShortSpanUnderIt() throws Exception {
    long[] tag = new long[1];
    RecordingBackend.Span process = consumeOne(false, (channel, t) -> tag[0] = t);
    channel.basicNack(tag[0], false, false);
    assertNull(process.attribute("messaging.rabbitmq.settlement"), "the span had ended");
    RecordingBackend.Span settle = awaitNamed("settle (temporary)");
    assertEquals(process.id(), settle.childOf(), "child of the delivery's span");
    assertEquals("nack", settle.attribute("messaging.rabbitmq.settlement"));
    assertEquals(false, settle.attribute("messaging.rabbitmq.settlement.requeue"));
    assertEquals("settle", settle.attribute("messaging.operation.type"));
    assertEquals(tag[0], settle.attribute("messaging.rabbitmq.message.delivery_tag"));
  }

  @Test
  void aSettleFromAnotherThreadWhileTheHandlerRunsGoesOnTheSpan() throws Exception {
    RecordingBackend.Span process = consumeOne(false, (channel, tag) -> {
      Thread settler = new Thread(() -> {
        try {
          channel.basicReject(tag, false);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      settler.start();
      try {
        settler.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertEquals("reject", process.attribute("messaging.rabbitmq.settlement"));
    assertTrue(backend.named("settle (temporary)").isEmpty(), "no settle span: " + backend.started);
  }

  @Test
  void aDeliveryNeverSettledBeforeItsChannelClosedIsMarked() throws Exception {
    RecordingBackend.Span process = consumeOne(false, (channel, tag) -> {});
    channel.close();
    RecordingBackend.Span settle = awaitNamed("settle (temporary)");
    assertEquals(process.id(), settle.childOf());
    assertEquals("unsettled", settle.attribute("messaging.rabbitmq.settlement"));
  }

  private RecordingBackend.Span awaitNamed(String name) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      List<RecordingBackend.Span> named = backend.named(name);
      if (!named.isEmpty()) {
        assertEquals(1, named.size(), () -> "one " + name + ": " + backend.started);
        return named.get(0);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no " + name + " in " + backend.started);
  }

  private RecordingBackend.Span consumeOne(boolean autoAck, Settle settle) throws Exception {
    CountDownLatch handled = new CountDownLatch(1);
    channel.basicConsume(queue, autoAck, new DefaultConsumer(channel) {
      @Override
      public void handleDelivery(String consumerTag, Envelope envelope,
          AMQP.BasicProperties properties, byte[] body) throws IOException {
        settle.settle(getChannel(), envelope.getDeliveryTag());
        handled.countDown();
      }
    });
    channel.basicPublish("", queue, null, new byte[1]);
    assertTrue(handled.await(10, TimeUnit.SECONDS));
    return awaitProcesses(1).get(0);
  }

  private List<RecordingBackend.Span> awaitProcesses(int count) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      List<RecordingBackend.Span> processes = backend.started("process");
      if (processes.size() >= count && backend.ended.size() >= count + 1) {
        return processes;
      }
      Thread.sleep(20);
    }
    return backend.started("process");
  }
}
