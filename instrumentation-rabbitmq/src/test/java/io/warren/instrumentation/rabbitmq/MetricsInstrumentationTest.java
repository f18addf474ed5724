package io.warren.instrumentation.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.warren.bootstrap.Metrics;
import io.warren.instrumentation.rabbitmq.bootstrap.MessageHistory;
import io.warren.bootstrap.testing.RecordingBackend;
import io.warren.bootstrap.testing.RecordingMetricsBackend;
import io.warren.bootstrap.testing.RecordingMetricsBackend.Measurement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The module's metrics against the real client and broker: what each instrument counts and
 * measures, with which attributes, and that names stay bounded.
 */
class MetricsInstrumentationTest extends BrokerTestBase {

  private final RecordingMetricsBackend metrics = new RecordingMetricsBackend();

  private static final String SENT = "messaging.client.sent.messages";
  private static final String CONSUMED = "messaging.client.consumed.messages";
  private static final String OPERATION = "messaging.client.operation.duration";
  private static final String SETTLEMENTS = "warren.messaging.settlements";
  private static final String DESTINATION = "messaging.destination.name";
  private static final String CONFIRM_COUNTS = "warren.messaging.confirms";

  @BeforeEach
  void metricsOn() {
    Metrics.install(metrics);
    Metrics.serviceName("service-a");
  }

  @AfterEach
  void metricsOff() {
    Metrics.install(null);
    Metrics.serviceName(null);
    assertTrue(metrics.misuses.isEmpty(), metrics.misuses::toString);
  }

  /** A durable-looking queue of this test's own (a name a person chose), deleted with the connection. */
  private String namedQueue(String prefix, Map<String, Object> arguments) throws IOException {
    return channel.queueDeclare(unique(prefix), false, true, true, arguments).getQueue();
  }

  private void await(BooleanSupplier condition, Object what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(condition.getAsBoolean(), () -> what + "; measured: " + metrics.measurements);
  }

  /** A consumer on {@code queue} that settles each delivery with {@code settle} (by body text). */
  private void consume(String queue, Settle settle) throws IOException {
    channel.basicConsume(queue, false, new DefaultConsumer(channel) {
      @Override
      public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
          throws IOException {
        settle.settle(getChannel(), envelope, new String(body, StandardCharsets.UTF_8), properties);
      }
    });
  }

  interface Settle {
    void settle(Channel channel, Envelope envelope, String body, AMQP.BasicProperties properties) throws IOException;
  }

  private static void ack(Channel channel, Envelope envelope, String body, AMQP.BasicProperties properties)
      throws IOException {
    channel.basicAck(envelope.getDeliveryTag(), false);
  }

  @Test
  void aPublishedConsumedAndAckedMessageIsCountedAndTimedAtEachStep() throws Exception {
    String orders = namedQueue("orders", null);
    consume(orders, MetricsInstrumentationTest::ack);
    for (int i = 0; i < 3; i++) {
      channel.basicPublish("", orders, null, "m".getBytes(StandardCharsets.UTF_8));
    }
    await(() -> metrics.count(SETTLEMENTS) == 3, "three acks");
    await(() -> metrics.of(OPERATION, "messaging.operation.name", "ack").size() == 3, "three ack calls timed");
    // A delivery is measured when its handler returns, after the ack it made.
    await(() -> metrics.of("messaging.process.duration").size() == 3, "three handlers returned");

    assertEquals(3, metrics.count(SENT, "messaging.system", "rabbitmq", "messaging.operation.name", "publish",
        "messaging.operation.type", "send", DESTINATION, "amq.default:" + orders,
        "server.address", "127.0.0.1", "server.port", 5672L, "error.type", null));
    assertEquals(3, metrics.of(OPERATION, "messaging.operation.name", "publish", DESTINATION, "amq.default:" + orders).size());
    assertEquals(3, metrics.count(CONSUMED, "messaging.operation.name", "process", DESTINATION, orders));
    assertEquals(3, metrics.of("warren.messaging.queue.duration", DESTINATION, orders).size());
    assertEquals(3, metrics.count(SETTLEMENTS, DESTINATION, orders, "warren.settlement.outcome", "ack",
        "warren.settlement.requeue", null));
    assertEquals(3, metrics.of(OPERATION, "messaging.operation.type", "settle", DESTINATION, orders).size());

    List<Measurement> processed = metrics.of("messaging.process.duration", DESTINATION, orders, "messaging.operation.name", "process");
    assertEquals(3, processed.size());
    assertExemplarsAreSpansOf("process", processed);
    assertExemplarsAreSpansOf("publish", metrics.of(SENT));
  }

  /** Each measurement's exemplar is one of the spans of {@code operation} the module started. */
  private void assertExemplarsAreSpansOf(String operation, List<Measurement> measured) {
    List<String> spans = backend.started.stream()
        .filter(span -> operation.equals(span.operation())).map(RecordingBackend.Span::id).toList();
    for (Measurement each : measured) {
      assertTrue(spans.contains(each.exemplarSpanId()), "the exemplar is a " + operation + " span: " + each);
    }
  }

  @Test
  void settlementsCarryTheirOutcomeAndRequeueFlagAndAnUnsettledDeliveryIsCountedAtChannelClose() throws Exception {
    String work = namedQueue("work", null);
    List<Long> held = new CopyOnWriteArrayList<>();
    consume(work, (ch, envelope, body, properties) -> {
      long tag = envelope.getDeliveryTag();
      switch (body) {
        case "nack" -> ch.basicNack(tag, false, false);
        case "reject" -> {
          if (envelope.isRedeliver()) {
            ch.basicAck(tag, false);
          } else {
            ch.basicReject(tag, true);
          }
        }
        default -> held.add(tag);
      }
    });
    for (String body : List.of("nack", "reject", "hold")) {
      channel.basicPublish("", work, null, body.getBytes(StandardCharsets.UTF_8));
    }
    await(() -> metrics.count(SETTLEMENTS) == 3 && held.size() == 1, "nack, reject, ack, and one held");
    channel.close();
    await(() -> metrics.count(SETTLEMENTS) == 4, "the held one unsettled");
    await(() -> metrics.count(CONSUMED, DESTINATION, work) == 4, "every handler returned");

    assertEquals(1, metrics.count(SETTLEMENTS, DESTINATION, work, "warren.settlement.outcome", "nack",
        "warren.settlement.requeue", false));
    assertEquals(1, metrics.count(SETTLEMENTS, DESTINATION, work, "warren.settlement.outcome", "reject",
        "warren.settlement.requeue", true));
    assertEquals(1, metrics.count(SETTLEMENTS, DESTINATION, work, "warren.settlement.outcome", "ack"));
    assertEquals(1, metrics.count(SETTLEMENTS, DESTINATION, work, "warren.settlement.outcome", "unsettled"));
    assertEquals(4, metrics.count(CONSUMED, DESTINATION, work), "the redelivery is consumed too");
  }

  @Test
  void confirmsAreCountedPerExchangeWithTheirLatencyAndThePublishLastsUntilTheBrokersAnswer() throws Exception {
    String exchange = unique("orders-ex");
    channel.exchangeDeclare(exchange, "direct", false, true, null);
    channel.queueBind(queue, exchange, "placed");
    channel.confirmSelect();
    channel.basicPublish(exchange, "placed", null, new byte[1]);
    channel.basicPublish(exchange, "nowhere", true, null, new byte[1]);
    channel.waitForConfirmsOrDie(10_000);
    await(() -> metrics.count("warren.messaging.confirms") == 2, "two confirms");

    assertEquals(1, metrics.count("warren.messaging.confirms", DESTINATION, exchange, "warren.confirm.outcome", "ack",
        "warren.confirm.reason", null));
    assertEquals(1, metrics.count("warren.messaging.confirms", DESTINATION, exchange, "warren.confirm.outcome", "returned"));
    assertEquals(2, metrics.of("warren.messaging.confirm.duration", DESTINATION, exchange).size());
    assertEquals(2, metrics.count(SENT, DESTINATION, exchange), "routing keys never name a series");
    assertEquals(1, metrics.series(SENT).size());
    assertEquals(2, metrics.of(OPERATION, "messaging.operation.name", "publish", "error.type", null).size());
    assertExemplarsAreSpansOf("publish", metrics.of(CONFIRM_COUNTS)); // whichever thread confirms
  }

  @Test
  void theOriginGoesIntoWarrensCopyOfTheHeadersNeverTheCallers() throws Exception {
    String plain = namedQueue("plain", null);
    Map<String, Object> callers = Map.of("user", "u1");
    channel.basicPublish("", plain, new AMQP.BasicProperties.Builder().headers(callers).build(), new byte[1]);
    Map<String, Object> sent = channel.basicGet(plain, true).getProps().getHeaders();

    assertEquals(Map.of("user", "u1"), callers);
    assertEquals("service-a", sent.get("x-warren-origin").toString());
    assertFalse(sent.containsKey("x-warren-origin-at"), "the first publish is dated by x-warren-published-at");
    assertEquals("u1", sent.get("user").toString());
  }

  @Test
  void aNackedPublishIsAFailedOperation() throws Exception {
    Channel declaring = connection.createChannel();
    String full = declaring.queueDeclare("", false, true, true,
        Map.of("x-max-length", 1, "x-overflow", "reject-publish")).getQueue();
    channel.confirmSelect();
    channel.basicPublish("", full, null, new byte[1]);
    channel.basicPublish("", full, null, new byte[1]);
    assertFalse(channel.waitForConfirms(10_000));
    await(() -> metrics.count("warren.messaging.confirms") == 2, "two confirms");

    assertEquals(1, metrics.count("warren.messaging.confirms", DESTINATION, "amq.default", "warren.confirm.outcome", "nack"));
    assertEquals(1, metrics.count("warren.messaging.confirms", DESTINATION, "amq.default", "warren.confirm.outcome", "ack"));
    assertEquals(1, metrics.of(OPERATION, "messaging.operation.name", "publish", "error.type", "nack").size());
  }

  @Test
  void aBasicGetIsAReceiveOperationAndConsumesItsMessage() throws Exception {
    String inbox = namedQueue("inbox", null);
    channel.basicPublish("", inbox, null, new byte[1]);
    assertNotNull(channel.basicGet(inbox, true));
    assertNull(channel.basicGet(inbox, true));

    assertEquals(2, metrics.of(OPERATION, "messaging.operation.name", "receive",
        "messaging.operation.type", "receive", DESTINATION, inbox).size(), "the empty get is timed too");
    assertEquals(1, metrics.count(CONSUMED, "messaging.operation.name", "receive", DESTINATION, inbox));
    assertEquals(1, metrics.of("warren.messaging.queue.duration", DESTINATION, inbox).size());
  }

  @Test
  void aDeadLetteredMessageIsCountedByTheQueueItLeftAndWhy() throws Exception {
    String dead = namedQueue("dead", null);
    String work = namedQueue("work", Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dead));
    consume(work, (ch, envelope, body, properties) -> ch.basicReject(envelope.getDeliveryTag(), false));
    consume(dead, MetricsInstrumentationTest::ack);
    channel.basicPublish("", work, null, new byte[1]);
    // Measured when the handler returns, after its ack.
    await(() -> metrics.of("messaging.process.duration", DESTINATION, dead).size() == 1, "the dead letter handled");

    assertEquals(1, metrics.count("warren.messaging.dead_letters", DESTINATION, work, "warren.dead_letter.reason", "rejected"));
    assertEquals(1, metrics.count("warren.messaging.dead_letters"));
  }

  @Test
  void endToEndLatencyIsMeasuredFromTheFirstPublishAtEveryHop() throws Exception {
    String first = namedQueue("hop1", null);
    String second = namedQueue("hop2", null);
    List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    consume(first, (ch, envelope, body, properties) -> {
      received.add(properties.getHeaders());
      Metrics.serviceName("service-b"); // a relay in another service would start no origin of its own
      long later = System.currentTimeMillis() + 5;
      while (System.currentTimeMillis() < later) {
        Thread.onSpinWait(); // the relay publishes in a later millisecond than the origin did
      }
      ch.basicPublish("", second, null, new byte[1]);
      ch.basicAck(envelope.getDeliveryTag(), false);
    });
    consume(second, (ch, envelope, body, properties) -> {
      received.add(properties.getHeaders());
      ch.basicAck(envelope.getDeliveryTag(), false);
    });
    channel.basicPublish("", first, null, new byte[1]);
    await(() -> metrics.of("warren.messaging.end_to_end.duration").size() == 2, "measured at both hops");

    assertEquals(2, received.size());
    Map<String, Object> atOrigin = received.get(0);
    Map<String, Object> relayed = received.get(1);
    assertEquals("service-a", atOrigin.get("x-warren-origin").toString());
    assertEquals("service-a", relayed.get("x-warren-origin").toString(), "the relay passes the origin on");
    assertEquals(atOrigin.get("x-warren-published-at"), relayed.get("x-warren-origin-at"), "with its time");
    assertNotEquals(relayed.get("x-warren-published-at"), relayed.get("x-warren-origin-at"));
    Measurement atFirst = metrics.of("warren.messaging.end_to_end.duration", DESTINATION, first, "warren.origin.service", "service-a").get(0);
    Measurement atSecond = metrics.of("warren.messaging.end_to_end.duration", DESTINATION, second, "warren.origin.service", "service-a").get(0);
    assertTrue(atSecond.value() >= atFirst.value(), atFirst + " then " + atSecond);
  }

  @Test
  void endToEndLatencyEndsAtTheDeliveryNotAfterItsHandling() throws Exception {
    String plain = namedQueue("plain", null);
    consume(plain, (ch, envelope, body, properties) -> {
      long handled = System.nanoTime() + 30_000_000L; // handling, which end-to-end does not include
      while (System.nanoTime() < handled) {
        Thread.onSpinWait();
      }
      ch.basicAck(envelope.getDeliveryTag(), false);
    });
    channel.basicPublish("", plain, null, new byte[1]);
    await(() -> metrics.of("messaging.process.duration", DESTINATION, plain).size() == 1, "handled");

    // From the origin's publish to this first delivery: exactly its time in the queue.
    Measurement endToEnd = metrics.of("warren.messaging.end_to_end.duration", DESTINATION, plain).get(0);
    Measurement inQueue = metrics.of("warren.messaging.queue.duration", DESTINATION, plain).get(0);
    assertEquals(inQueue.value(), endToEnd.value());
    assertTrue(metrics.of("messaging.process.duration", DESTINATION, plain).get(0).value() >= 0.03);
  }

  @Test
  void withoutThePublishTimeHeaderTheOriginCarriesItsOwnTime() throws Exception {
    String plain = namedQueue("plain", null);
    MessageHistory.stampPublishTime(false);
    try {
      consume(plain, MetricsInstrumentationTest::ack);
      channel.basicPublish("", plain, null, new byte[1]);
      await(() -> metrics.of("warren.messaging.end_to_end.duration", DESTINATION, plain).size() == 1, "measured");
    } finally {
      MessageHistory.stampPublishTime(true);
    }
    Measurement measured = metrics.of("warren.messaging.end_to_end.duration", DESTINATION, plain).get(0);
    assertTrue(measured.value() >= 0 && measured.value() < 10, measured.toString());
  }

  @Test
  void temporaryQueuesAndRoutingKeysAddNoSeries() throws Exception {
    String exchange = unique("events");
    channel.exchangeDeclare(exchange, "topic", false, true, null);
    channel.queueBind(queue, exchange, "#");
    for (int i = 0; i < 1000; i++) {
      channel.basicPublish(exchange, "order." + i, null, new byte[1]);
    }
    for (int i = 0; i < 50; i++) {
      String temporary = channel.queueDeclare().getQueue();
      channel.basicPublish("", temporary, null, new byte[1]);
      assertNotNull(channel.basicGet(temporary, true));
    }

    assertEquals(2, metrics.series(SENT).size(), "one exchange, one for every temporary queue: " + metrics.series(SENT));
    assertEquals(1000, metrics.count(SENT, DESTINATION, exchange));
    assertEquals(50, metrics.count(SENT, DESTINATION, "amq.default:(temporary)"));
    assertEquals(50, metrics.count(CONSUMED, DESTINATION, "(temporary)"));
    assertEquals(1, metrics.series("warren.messaging.queue.duration").size());
  }

  @Test
  void withMetricsOffNothingIsRecordedAndNoOriginIsSent() throws Exception {
    Metrics.install(null);
    String plain = namedQueue("plain", null);
    channel.basicPublish("", plain, null, new byte[1]);
    Map<String, Object> headers = channel.basicGet(plain, true).getProps().getHeaders();

    assertFalse(headers.containsKey("x-warren-origin"), headers.toString());
    assertTrue(headers.containsKey("x-warren-published-at"), "the spans' own header is still sent");
    assertTrue(metrics.measurements.isEmpty(), metrics.measurements::toString);
  }
}
