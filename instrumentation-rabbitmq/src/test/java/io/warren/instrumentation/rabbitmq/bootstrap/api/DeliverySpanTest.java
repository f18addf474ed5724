package io.warren.instrumentation.rabbitmq.bootstrap.api;

import static io.warren.instrumentation.rabbitmq.bootstrap.DescribedSpan.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.warren.bootstrap.SpanStart;
import io.warren.instrumentation.rabbitmq.bootstrap.CapturedValues;
import io.warren.instrumentation.rabbitmq.bootstrap.DescribedSpan;
import java.net.InetAddress;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The delivery spans DeliverySpan describes, read back from the SpanStart it fills. */
class DeliverySpanTest {

  private static final Map<String, Object> MINIMAL =
      Map.of(
          "messaging.system", "rabbitmq",
          "messaging.operation.name", "process",
          "messaging.operation.type", "process",
          "messaging.destination.name", "work",
          "messaging.rabbitmq.queue", "jobs",
          "messaging.rabbitmq.message.delivery_tag", 0L,
          "peer.service", "rabbitmq");

  @AfterEach
  void captureNothing() {
    CapturedValues.configure("");
  }

  @Test
  void aDeliveryIsAConsumerSpanParentedOnTheReceivedHeaders() throws Exception {
    Map<String, Object> headers = new HashMap<>(Map.of("traceparent", "x"));
    InetAddress broker = InetAddress.getByAddress(new byte[] {10, 0, 0, 7});
    SpanStart span =
        DeliverySpan.begin()
            .queue("billing")
            .exchange("orders")
            .routingKey("order.1.created")
            .headers(headers)
            .messageId("msg-1")
            .correlationId("corr-1")
            .bodySize(3)
            .deliveryTag(42)
            .redelivered(true)
            .server(broker, 5671)
            .describe();

    assertSame(headers, span.parentFrom());
    assertNull(span.injectInto());
    DescribedSpan described = describe(span);
    assertEquals(SpanStart.Kind.CONSUMER, described.kind());
    assertEquals("process billing", described.name());
    assertEquals(
        Map.ofEntries(
            Map.entry("messaging.system", "rabbitmq"),
            Map.entry("messaging.operation.name", "process"),
            Map.entry("messaging.operation.type", "process"),
            Map.entry("messaging.destination.name", "orders"),
            Map.entry("messaging.rabbitmq.destination.routing_key", "order.1.created"),
            Map.entry("messaging.rabbitmq.queue", "billing"),
            Map.entry("messaging.message.id", "msg-1"),
            Map.entry("messaging.message.conversation_id", "corr-1"),
            Map.entry("messaging.message.body.size", 3L),
            Map.entry("messaging.rabbitmq.message.delivery_tag", 42L),
            Map.entry("messaging.rabbitmq.message.redelivered", true),
            Map.entry("messaging.rabbitmq.redelivery_count", 1L),
            Map.entry("peer.service", "rabbitmq"),
            Map.entry("server.address", "10.0.0.7"),
            Map.entry("server.port", 5671L)),
        described.attributes());
  }

  @Test
  void theNextDeliveryOnTheThreadKeepsNothingOfTheLastOne() throws Exception {
    CapturedValues.configure("app_id");
    DeliverySpan first = DeliverySpan.begin();
    describe(
        first
            .subscription(new Subscriptions.Subscription(
                "orders", false, InetAddress.getByName("10.0.0.1"), 5672, new Object()))
            .exchange("shop")
            .routingKey("order.created")
            .headers(new HashMap<>(Map.of("x-warren-published-at", 1L)))
            .messageId("m-1")
            .correlationId("c-1")
            .timestamp(new Date(1000))
            .bodySize(10)
            .deliveryTag(7)
            .redelivered(true)
            .capturing(new AppProperties("billing-app"))
            .describe());

    DeliverySpan next = DeliverySpan.begin();
    SpanStart span = next.queue("jobs").exchange("work").describe();

    assertSame(first, next, "one instance per thread");
    assertNull(span.parentFrom());
    assertEquals(MINIMAL, describe(span).attributes());
  }

  @Test
  void aDeliveryBegunWhileAnotherIsDescribedGetsItsOwn() {
    DeliverySpan outer = DeliverySpan.begin().queue("outer").exchange("work");
    DeliverySpan inner = DeliverySpan.begin().queue("jobs").exchange("work");

    assertNotSame(outer, inner);
    assertEquals(MINIMAL, describe(inner.describe()).attributes());
    assertEquals("process outer", describe(outer.describe()).name());
  }

  @Test
  void theSubscriptionNamesTheQueueAndTheBroker() throws Exception {
    Subscriptions.Subscription subscription =
        new Subscriptions.Subscription("jobs", true, InetAddress.getByName("10.0.0.9"), 5673, null);

    DescribedSpan described =
        describe(DeliverySpan.begin().subscription(subscription).exchange("work").describe());

    assertEquals("process jobs", described.name());
    assertEquals("jobs", described.attributes().get("messaging.rabbitmq.queue"));
    assertEquals("10.0.0.9", described.attributes().get("server.address"));
    assertEquals(5673L, described.attributes().get("server.port"));
  }

  @Test
  void capturedValuesAreReadFromThePropertiesGiven() {
    CapturedValues.configure("app_id");

    DescribedSpan described =
        describe(DeliverySpan.begin().queue("jobs").capturing(new AppProperties("billing-app")).describe());

    assertEquals("billing-app", described.attributes().get("messaging.rabbitmq.message.app_id"));
  }

  @Test
  void aBatchSpanHasTheBatchSizeAndItsFirstMessagesParent() throws Exception {
    Map<String, Object> firstHeaders = new HashMap<>(Map.of("traceparent", "x"));

    SpanStart span =
        DeliverySpan.begin()
            .queue("jobs")
            .exchange("work")
            .routingKey("job.1")
            .headers(firstHeaders)
            .server(InetAddress.getByName("10.0.0.2"), 5672)
            .describeBatch(3);

    assertSame(firstHeaders, span.parentFrom());
    DescribedSpan described = describe(span);
    assertEquals("process jobs", described.name());
    assertEquals(3L, described.attributes().get("messaging.batch.message_count"));
    assertEquals("10.0.0.2", described.attributes().get("server.address"));
    assertNull(described.attributes().get("messaging.rabbitmq.message.delivery_tag"),
        "a batch is no one delivery");
  }

  /** A message's properties as a framework has them: a getter per AMQP property. */
  public static final class AppProperties {
    private final String appId;

    AppProperties(String appId) {
      this.appId = appId;
    }

    public String getAppId() {
      return appId;
    }
  }
}
