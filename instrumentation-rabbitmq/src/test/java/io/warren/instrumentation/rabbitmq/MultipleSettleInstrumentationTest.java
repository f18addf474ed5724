package io.warren.instrumentation.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.warren.bootstrap.testing.RecordingBackend;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A basicAck with multiple=true settles every delivery up to its tag at once: it costs the trace a
 * constant number of spans however many it covers, while a multiple nack is still recorded per
 * message. The workload is PerfTest's {@code -A}: manual acks, every n-th message acked with
 * multiple=true.
 */
class MultipleSettleInstrumentationTest extends BrokerTestBase {

  private static final int MESSAGES = 1000;
  private static final int ACK_EVERY = 100;

  /** What a handler does with the delivery it is given. */
  interface Handler {
    void handle(Channel channel, long tag) throws IOException;
  }

  @Test
  void ackingEveryHundredthInTheHandlerAddsNoSpan() throws Exception {
    consume(MESSAGES, (channel, tag) -> {
      if (tag % ACK_EVERY == 0) {
        channel.basicAck(tag, true);
      }
    });
    publish(MESSAGES);
    Map<Long, RecordingBackend.Span> processes = awaitProcessesEnded(MESSAGES);

    report("acked in the handler");
    assertEquals(0, backend.started("ack").size(), "no settle span");
    assertEquals(2 * MESSAGES, backend.started.size(), "a publish and a process span per message");
    for (long last = ACK_EVERY; last <= MESSAGES; last += ACK_EVERY) {
      RecordingBackend.Span acking = processes.get(last);
      assertEquals("ack", acking.attribute("messaging.rabbitmq.settlement"));
      assertEquals(true, acking.attribute("messaging.rabbitmq.settlement.multiple"));
      assertEquals((long) ACK_EVERY, acking.attribute("messaging.rabbitmq.settlement.count"));
      assertEquals(last - ACK_EVERY + 1, acking.attribute("messaging.rabbitmq.settlement.first_delivery_tag"));
      assertEquals(last, acking.attribute("messaging.rabbitmq.settlement.last_delivery_tag"));
    }
    assertNull(processes.get(1L).attribute("messaging.rabbitmq.settlement"), "its span had ended");
  }

  @Test
  void ackingEveryHundredthAfterTheHandlersReturnedIsOneSettleSpanPerAck() throws Exception {
    Channel consumer = consume(MESSAGES, (channel, tag) -> {});
    publish(MESSAGES);
    Map<Long, RecordingBackend.Span> processes = awaitProcessesEnded(MESSAGES);
    for (long last = ACK_EVERY; last <= MESSAGES; last += ACK_EVERY) {
      consumer.basicAck(last, true);
    }

    report("acked after the handlers returned");
    List<RecordingBackend.Span> settles = backend.started("ack");
    assertEquals(MESSAGES / ACK_EVERY, settles.size(), "one settle span per basicAck");
    for (RecordingBackend.Span settle : settles) {
      long last = (Long) settle.attribute("messaging.rabbitmq.message.delivery_tag");
      assertEquals(processes.get(last).id(), settle.childOf(), "under the acking delivery's span");
      assertEquals("settle", settle.attribute("messaging.operation.type"));
      assertEquals("ack", settle.attribute("messaging.rabbitmq.settlement"));
      assertEquals(true, settle.attribute("messaging.rabbitmq.settlement.multiple"));
      assertEquals((long) ACK_EVERY, settle.attribute("messaging.rabbitmq.settlement.count"));
      assertEquals(last - ACK_EVERY + 1, settle.attribute("messaging.rabbitmq.settlement.first_delivery_tag"));
      assertEquals(last, settle.attribute("messaging.rabbitmq.settlement.last_delivery_tag"));
    }
  }

  @Test
  void aMultipleNackIsRecordedPerMessage() throws Exception {
    int messages = 10;
    Channel consumer = consume(messages, (channel, tag) -> {});
    publish(messages);
    Map<Long, RecordingBackend.Span> processes = awaitProcessesEnded(messages);
    consumer.basicNack(messages, true, false);

    List<RecordingBackend.Span> settles = backend.started("nack");
    assertEquals(messages, settles.size(), "one settle span per nacked delivery: " + backend.started);
    for (RecordingBackend.Span settle : settles) {
      long tag = (Long) settle.attribute("messaging.rabbitmq.message.delivery_tag");
      assertEquals(processes.get(tag).id(), settle.childOf(), "under its own delivery's span");
      assertEquals("nack", settle.attribute("messaging.rabbitmq.settlement"));
      assertEquals(false, settle.attribute("messaging.rabbitmq.settlement.requeue"));
      assertEquals(true, settle.attribute("messaging.rabbitmq.settlement.multiple"));
    }
  }

  /** A consumer on a channel of its own, acknowledging manually, that runs {@code handler}. */
  private Channel consume(int prefetch, Handler handler) throws IOException {
    Channel consumer = connection.createChannel();
    consumer.basicQos(prefetch);
    consumer.basicConsume(queue, false, new DefaultConsumer(consumer) {
      @Override
      public void handleDelivery(String consumerTag, Envelope envelope,
          AMQP.BasicProperties properties, byte[] body) throws IOException {
        handler.handle(getChannel(), envelope.getDeliveryTag());
      }
    });
    return consumer;
  }

  private void publish(int messages) throws IOException {
    for (int i = 0; i < messages; i++) {
      channel.basicPublish("", queue, null, new byte[1]);
    }
  }

  /** Waits until {@code count} process spans have ended; returns them by delivery tag. */
  private Map<Long, RecordingBackend.Span> awaitProcessesEnded(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      List<RecordingBackend.Span> processes = backend.started("process");
      if (processes.size() == count && processes.stream().allMatch(span -> backend.isEnded(span.id()))) {
        Map<Long, RecordingBackend.Span> byTag = new HashMap<>();
        for (RecordingBackend.Span process : processes) {
          byTag.put((Long) process.attribute("messaging.rabbitmq.message.delivery_tag"), process);
        }
        return byTag;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(backend.started("process").size() + " of " + count + " process spans ended");
  }

  /** The spans stored per message, as the issue measures them. */
  private void report(String workload) {
    System.out.printf("%d messages, every %dth acked with multiple=true, %s: %d spans, %.2f per message%n",
        MESSAGES, ACK_EVERY, workload, backend.started.size(), backend.started.size() / (double) MESSAGES);
  }
}
