package io.warren.instrumentation.springrabbit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.warren.agent.api.InstrumentationModule;
import io.warren.instrumentation.rabbitmq.RabbitMqInstrumentationModule;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageListener;

/**
 * Why the Spring module exists: with the RabbitMQ client module alone (the agent with
 * {@code warren.instrumentation.spring-rabbit.enabled=false}), the simple container's delivery
 * span covers only the client thread's hand-over, and what the listener sends starts a new trace.
 */
class RabbitModuleAloneTest extends SpringBrokerTestBase {

  @Override
  InstrumentationModule[] modules() {
    return new InstrumentationModule[] {new RabbitMqInstrumentationModule()};
  }

  // 6
  @Test
  void simpleContainerListenerSendIsNotAChildOfTheProcessSpan() throws Exception {
    String out = queue + ".out";
    AtomicBoolean spanCurrentInListener = new AtomicBoolean(true);
    CountDownLatch done = new CountDownLatch(1);
    MessageListener listener =
        message -> {
          spanCurrentInListener.set(Span.current().getSpanContext().isValid());
          template.convertAndSend("", out, "reply");
          done.countDown();
        };
    start(container(ContainerKind.SIMPLE, listener));

    SpanData publish = publishOutsideAnySpan("payload");
    assertTrue(done.await(10, TimeUnit.SECONDS), "the listener ran");
    List<SpanData> spans =
        awaitSpans("the client module's process span and the listener's publish", all ->
            !filter(all, SpanKind.CONSUMER, "process " + queue).isEmpty()
                && !filter(all, SpanKind.PRODUCER, "publish amq.default:" + out).isEmpty());

    SpanData process = single(consumersIn(spans, publish.getTraceId()), "CONSUMER span for the delivery");
    assertChildOf(publish, process);
    assertEquals(
        "org.springframework.amqp.rabbit.listener.BlockingQueueConsumer$InternalConsumer.handleDelivery",
        InProcessAgent.FRAMES.startedIn(process.getSpanId()),
        "the client module's span, around the consumer that only queues the delivery");

    assertFalse(spanCurrentInListener.get(), "no span is current in the listener");
    SpanData reply = single(filter(spans, SpanKind.PRODUCER, "publish amq.default:" + out), "send from the listener");
    assertNotEquals(process.getSpanId(), reply.getParentSpanId(), "the listener's send is not the process span's child");
    assertNotEquals(publish.getTraceId(), reply.getTraceId(), "it starts a trace of its own");
  }
}
