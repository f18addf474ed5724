package io.warren.instrumentation.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.warren.bootstrap.testing.RecordingBackend;
import io.warren.instrumentation.rabbitmq.bootstrap.Exclusions;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An excluded queue makes no spans, but the trace flows through it. */
class ExclusionInstrumentationTest extends BrokerTestBase {

  @AfterEach
  void excludeNothing() {
    Exclusions.configure("", true);
  }

  @Test
  void aHandlerOfAnExcludedQueueRunsInItsProducersContext() throws Exception {
    String trace = relayThroughAnExcludedQueue(true);
    RecordingBackend.Span work = backend.named("process " + trace.split(" ")[0]).get(0);
    RecordingBackend.Span out = backend.named("publish amq.default:" + trace.split(" ")[2]).get(0);
    assertEquals(work.id(), out.currentAtStart(), "the follow-on continues the trace");
  }

  @Test
  void withoutPropagationTheFollowOnStartsANewTrace() throws Exception {
    String trace = relayThroughAnExcludedQueue(false);
    RecordingBackend.Span out = backend.named("publish amq.default:" + trace.split(" ")[2]).get(0);
    assertNull(out.currentAtStart());
  }

  /** work → (handler publishes to) audit, excluded → (handler publishes to) out. */
  private String relayThroughAnExcludedQueue(boolean propagate) throws Exception {
    String work = unique("work");
    String audit = unique("audit");
    String out = unique("out");
    for (String name : List.of(work, audit, out)) {
      channel.queueDeclare(name, false, true, true, null);
    }
    Exclusions.configure("audit-*", propagate);
    CountDownLatch relayed = new CountDownLatch(1);
    channel.basicConsume(work, true, forward(audit));
    channel.basicConsume(audit, true, forward(out));
    channel.basicConsume(out, true, (tag, delivery) -> relayed.countDown(), tag -> {});
    backend.clear();
    channel.basicPublish("", work, null, new byte[1]);
    assertTrue(relayed.await(10, TimeUnit.SECONDS));
    awaitEnded(4); // publish work, process work, publish out, process out
    assertTrue(backend.started.stream().noneMatch(span -> span.name().contains("audit")),
        "no span of the excluded queue: " + backend.started);
    return work + " " + audit + " " + out;
  }

  private DefaultConsumer forward(String to) {
    return new DefaultConsumer(channel) {
      @Override
      public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
          byte[] body) throws IOException {
        getChannel().basicPublish("", to, null, body);
      }
    };
  }
}
