package io.warren.instrumentation.springrabbit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.warren.agent.api.InstrumentationModule;
import io.warren.bootstrap.Metrics;
import io.warren.bootstrap.testing.RecordingMetricsBackend;
import io.warren.bootstrap.testing.RecordingMetricsBackend.Measurement;
import io.warren.instrumentation.rabbitmq.RabbitMqInstrumentationModule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.MessageListener;

/**
 * A Spring AMQP listener gets the client module's metrics: its deliveries consumed, its handling
 * timed in the delivery's span, and the container's ack or reject counted per queue.
 */
class SpringMetricsTest extends SpringBrokerTestBase {

  private final RecordingMetricsBackend metrics = new RecordingMetricsBackend();

  @Override
  InstrumentationModule[] modules() {
    return new InstrumentationModule[] {new RabbitMqInstrumentationModule(), new SpringRabbitInstrumentationModule()};
  }

  @BeforeEach
  void metricsOn() {
    metrics.clear(); // one instance for the class's tests
    Metrics.install(metrics);
  }

  @AfterEach
  void metricsOff() {
    Metrics.install(null);
    assertTrue(metrics.misuses.isEmpty(), metrics.misuses::toString);
  }

  @ParameterizedTest
  @EnumSource(ContainerKind.class)
  void theListenersDeliveriesAreConsumedTimedAndSettled(ContainerKind kind) throws Exception {
    MessageListener listener = message -> {
      if (new String(message.getBody(), StandardCharsets.UTF_8).equals("bad")) {
        throw new AmqpRejectAndDontRequeueException("bad message");
      }
    };
    start(container(kind, listener));
    template.convertAndSend("", queue, "good");
    template.convertAndSend("", queue, "bad");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    // Each delivery is measured when its handling returns, which may come after its settlement.
    while ((metrics.count("warren.messaging.settlements") < 2
            || metrics.of("messaging.process.duration").size() < 2)
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    String destination = "messaging.destination.name";
    assertEquals(1, metrics.count("warren.messaging.settlements", destination, queue,
        "warren.settlement.outcome", "ack"), metrics.measurements::toString);
    // The container turns the listener's AmqpRejectAndDontRequeueException into a nack or reject.
    assertEquals(1, metrics.count("warren.messaging.settlements", destination, queue,
        "warren.settlement.requeue", false));
    assertEquals(2, metrics.count("messaging.client.consumed.messages", destination, queue,
        "messaging.operation.name", "process"));
    assertEquals(2, metrics.count("messaging.client.sent.messages", destination, "amq.default:" + queue));
    List<Measurement> handled = metrics.of("messaging.process.duration", destination, queue);
    assertEquals(2, handled.size(), handled::toString);
    assertEquals(1, metrics.of("messaging.process.duration", "error.type", null).size());
    assertEquals(1, metrics.of("messaging.process.duration",
        "error.type", "org.springframework.amqp.rabbit.support.ListenerExecutionFailedException").size(),
        handled::toString);
    List<String> deliverySpans = awaitSpans("two process spans",
            all -> filter(all, SpanKind.CONSUMER, "process " + queue).size() == 2)
        .stream().filter(span -> span.getKind() == SpanKind.CONSUMER).map(SpanData::getSpanId).toList();
    for (Measurement each : handled) {
      assertTrue(deliverySpans.contains(each.exemplarSpanId()), "the delivery's span is the exemplar: " + each);
    }
  }
}
