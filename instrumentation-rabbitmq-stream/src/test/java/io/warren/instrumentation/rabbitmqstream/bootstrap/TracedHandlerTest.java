package io.warren.instrumentation.rabbitmqstream.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.stream.Consumer;
import com.rabbitmq.stream.Message;
import com.rabbitmq.stream.MessageHandler;
import java.util.ArrayList;
import java.util.List;
import io.warren.bootstrap.testing.RecordingBackend;
import org.junit.jupiter.api.Test;

/** A wrapped MessageHandler: one CONSUMER span per call, current while the handler runs. */
class TracedHandlerTest extends TracerTest {

  /** A received message: what the client decodes from the stream. */
  private Message received(String annotation, String property) {
    Message built = codec.messageBuilder()
        .properties().messageId("m-1").messageBuilder()
        .applicationProperties().entry("traceparent", property).messageBuilder()
        .messageAnnotations().entry("traceparent", annotation).messageBuilder()
        .addData(new byte[] {1}).build();
    return roundTrip(built);
  }

  private static MessageHandler.Context context(long offset, long timestamp) {
    return new MessageHandler.Context() {
      public long offset() {
        return offset;
      }

      public void storeOffset() {}

      public long timestamp() {
        return timestamp;
      }

      public long committedChunkId() {
        return 0;
      }

      public String stream() {
        return "readings";
      }

      public Consumer consumer() {
        return null;
      }

      public void processed() {}
    };
  }

  @Test
  void eachMessageIsASpanCurrentWhileTheHandlerRunsParentedOnWhatTheMessageCarries() {
    List<Object> seen = new ArrayList<>();
    List<String> currentInHandler = new ArrayList<>();
    MessageHandler application = (context, message) -> {
      seen.add(context);
      seen.add(message);
      currentInHandler.add(backend.currentSpanId());
    };
    MessageHandler traced = (MessageHandler) TracedHandler.wrap(MessageHandler.class, application);
    MessageHandler.Context context = context(17, System.currentTimeMillis() - 5_000);
    Message message = received("from-annotations", "from-properties");

    traced.handle(context, message);

    assertSame(context, seen.get(0));
    assertSame(message, seen.get(1));
    RecordingBackend.Span span = backend.started.get(0);
    assertEquals(span.id(), currentInHandler.get(0));
    assertTrue(backend.isEnded(span.id()));
    assertEquals("process readings", span.name());
    assertEquals(17L, span.attribute("messaging.rabbitmq.stream.offset"));
    assertEquals("m-1", span.attribute("messaging.message.id"));
    assertTrue((Long) span.attribute("messaging.rabbitmq.stream.time_in_stream_ms") >= 5_000);
    // Application properties, where AMQP 0-9-1 headers land, win over message annotations.
    assertEquals("from-properties", span.carrier().get("traceparent"));
    assertSame(traced, TracedHandler.wrap(MessageHandler.class, traced));
  }

  @Test
  void whatTheHandlerThrowsReachesTheClientUnchangedAndEndsTheSpan() {
    IllegalStateException thrown = new IllegalStateException("handler failed");
    MessageHandler traced = (MessageHandler) TracedHandler.wrap(MessageHandler.class,
        (MessageHandler) (context, message) -> {
          throw thrown;
        });

    IllegalStateException caught = assertThrows(IllegalStateException.class,
        () -> traced.handle(context(1, 0), received("a", "p")));

    assertSame(thrown, caught);
    RecordingBackend.End end = backend.ended.get(0);
    assertEquals(backend.started.get(0).id(), end.id());
    assertSame(thrown, end.error());
  }
}
