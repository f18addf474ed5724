package io.warren.instrumentation.vertxrabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rabbitmq.client.AMQP;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import io.vertx.rabbitmq.RabbitMQPublisher;
import io.vertx.rabbitmq.RabbitMQPublisherOptions;
import io.warren.bootstrap.Tracing;
import io.warren.instrumentation.vertxrabbitmq.bootstrap.api.PublishContexts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Publishes the Vert.x RabbitMQ client queues before it sends them, with the three modules
 * installed in this JVM as the agent installs them: each must be published under the context it
 * was handed over in, not under the one of the publish that happened to send it.
 */
class QueuedPublishTest {
  private static Tracer tracer;
  private static Vertx vertx;
  /** Each ended PRODUCER span's parent span id, by the message id it published. */
  private static final Map<String, String> PUBLISH_PARENTS = new ConcurrentHashMap<>();

  @BeforeAll
  static void install() {
    tracer = InstalledModules.install(new PublishParents());
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aPublisherSendsEachQueuedMessageUnderItsOwnContext() throws Exception {
    withPublisher(publisher -> {
      // All at once: the publisher sends one at a time, so the later ones wait in its queue and
      // go out from the completion of the one before them.
      Map<String, String> expected = new HashMap<>();
      List<Future<Void>> sent = new ArrayList<>();
      String prefix = UUID.randomUUID().toString().substring(0, 8);
      for (int n = 1; n <= 3; n++) {
        String messageId = prefix + "-" + n;
        Span handler = tracer.spanBuilder("handler " + n).startSpan();
        try (Scope ignored = handler.makeCurrent()) {
          sent.add(publisher.publish("", "warren-queued-" + prefix, properties(messageId),
              Buffer.buffer("m")));
        } finally {
          handler.end();
        }
        expected.put(messageId, handler.getSpanContext().getSpanId());
      }
      assertPublishedUnder(expected, sent, "each publish under the span it was published in");
    });
  }

  @Test
  void aContextNamedForTheMessagesPropertiesWinsOverTheOneCurrentWhenItIsQueued() throws Exception {
    withPublisher(publisher -> {
      // As SmallRye's connector does: each message's context named for its properties, then all
      // handed to the publisher under one unrelated span.
      Map<String, String> expected = new HashMap<>();
      Map<String, AMQP.BasicProperties> named = new HashMap<>();
      String prefix = UUID.randomUUID().toString().substring(0, 8);
      for (int n = 1; n <= 3; n++) {
        String messageId = prefix + "-" + n;
        Span relayed = tracer.spanBuilder("relayed " + n).startSpan();
        AMQP.BasicProperties properties = properties(messageId);
        try (Scope ignored = relayed.makeCurrent()) {
          PublishContexts.publishIn(properties, Tracing.currentContext());
        } finally {
          relayed.end();
        }
        named.put(messageId, properties);
        expected.put(messageId, relayed.getSpanContext().getSpanId());
      }
      List<Future<Void>> sent = new ArrayList<>();
      Span sender = tracer.spanBuilder("sender").startSpan();
      try (Scope ignored = sender.makeCurrent()) {
        named.forEach((id, properties) -> sent.add(
            publisher.publish("", "warren-named-" + prefix, properties, Buffer.buffer("m"))));
      } finally {
        sender.end();
      }
      assertPublishedUnder(expected, sent, "each publish under the context named for it");
    });
  }

  /** What a test does with a started publisher. */
  private interface PublisherTest {
    void run(RabbitMQPublisher publisher) throws Exception;
  }

  /** Runs {@code test} with a started client and publisher, then stops the client. */
  private static void withPublisher(PublisherTest test) throws Exception {
    RabbitMQClient client = RabbitMQClient.create(vertx, new RabbitMQOptions());
    await(client.start());
    try {
      RabbitMQPublisher publisher =
          RabbitMQPublisher.create(vertx, client, new RabbitMQPublisherOptions());
      await(publisher.start());
      test.run(publisher);
    } finally {
      await(client.stop());
    }
  }

  private static void assertPublishedUnder(Map<String, String> expected, List<Future<Void>> sent,
      String what) throws Exception {
    for (Future<Void> each : sent) {
      await(each);
    }
    // On the publisher's channel, in confirm mode, a publish span ends with the broker's ack.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!PUBLISH_PARENTS.keySet().containsAll(expected.keySet())
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Map<String, String> seen = new HashMap<>();
    expected.keySet().forEach(id -> seen.put(id, PUBLISH_PARENTS.get(id)));
    assertEquals(expected, seen, what);
  }

  private static AMQP.BasicProperties properties(String messageId) {
    return new AMQP.BasicProperties.Builder().messageId(messageId).build();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Records which span each publish span is a child of, by message id. */
  private static final class PublishParents implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      String messageId = span.getAttribute(
          io.opentelemetry.api.common.AttributeKey.stringKey("messaging.message.id"));
      if (span.getKind() == SpanKind.PRODUCER && messageId != null) {
        PUBLISH_PARENTS.put(messageId, span.getParentSpanContext().getSpanId());
      }
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }
}
