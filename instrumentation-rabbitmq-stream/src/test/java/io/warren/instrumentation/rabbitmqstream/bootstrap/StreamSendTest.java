package io.warren.instrumentation.rabbitmqstream.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.stream.Codec;
import com.rabbitmq.stream.ConfirmationHandler;
import com.rabbitmq.stream.ConfirmationStatus;
import com.rabbitmq.stream.Message;
import com.rabbitmq.stream.Properties;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.testing.RecordingBackend;
import io.warren.bootstrap.testing.ThrowingBackend;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A traced send, on the client's real codec: what is encoded carries the context in its
 * application properties and is otherwise the application's message, byte for byte; the
 * application's message is never changed; the confirmation ends the span and reaches the
 * application for its own message.
 */
class StreamSendTest extends TracerTest {

  private final Object producer = new Object();

  private Message message() {
    return codec.messageBuilder()
        .properties().messageId(42L).correlationId("order-7").contentType("application/json")
        .messageBuilder()
        .applicationProperties().entry("customer", "c-1").entry("quantity", 3L)
        .entry("raw", new byte[] {0, (byte) 0xFF}).messageBuilder()
        .messageAnnotations().entry("x-app-note", "kept").messageBuilder()
        .addData("{\"reading\":1}".getBytes(StandardCharsets.UTF_8))
        .build();
  }

  private Object[] send(Message message, ConfirmationHandler handler) {
    Properties properties = message.getProperties();
    StreamSend send = StreamSend.start(producer, "readings",
        properties == null ? null : properties.getMessageId(),
        message.getMessageAnnotations(), message.getApplicationProperties());
    return send.replacements(Message.class, message, message.getApplicationProperties(),
        ConfirmationHandler.class, handler);
  }

  @Test
  void whatIsEncodedIsTheApplicationsMessagePlusTheContext() {
    Message message = message();
    byte[] before = bytes(codec.encode(message));

    Message sent = (Message) send(message, null)[0];
    Message decoded = roundTrip(sent);

    Map<String, Object> expected = new LinkedHashMap<>(codec.decode(before).getApplicationProperties());
    expected.put(RecordingBackend.MARK, "span-1");
    assertEquals(describe(expected), describe(decoded.getApplicationProperties()));
    Message original = codec.decode(before);
    assertEquals(original.getProperties().getMessageIdAsLong(), decoded.getProperties().getMessageIdAsLong());
    assertEquals("order-7", decoded.getProperties().getCorrelationIdAsString());
    assertEquals("application/json", decoded.getProperties().getContentType());
    assertEquals(original.getMessageAnnotations(), decoded.getMessageAnnotations());
    assertArrayEquals(original.getBodyAsBinary(), decoded.getBodyAsBinary());
    // The application's message is encoded exactly as before.
    assertArrayEquals(before, bytes(codec.encode(message)));
    assertFalse(message.getApplicationProperties().containsKey(RecordingBackend.MARK));
    assertNotSame(message, sent);
  }

  @Test
  void aMessageOfAnotherKindIsSentThroughAStandInThatOnlyAddsTheContext() {
    Message decoded = roundTrip(message()); // not a builder's message
    Map<String, Object> own = new LinkedHashMap<>(decoded.getApplicationProperties());

    Message sent = (Message) send(decoded, null)[0];

    assertEquals("span-1", sent.getApplicationProperties().get(RecordingBackend.MARK));
    assertEquals(own.size() + 1, sent.getApplicationProperties().size());
    assertEquals(describe(own), describe(decoded.getApplicationProperties()));
    assertSame(decoded.getProperties(), sent.getProperties());
    assertSame(decoded.getBody(), sent.getBody());
    assertSame(sent, sent.annotate("x-added-by-the-client", "v"));
    assertEquals("v", decoded.getMessageAnnotations().get("x-added-by-the-client"));
  }

  /** The core continues a context the application wrote (when no span is current): it gets it. */
  @Test
  void aContextTheMessageAlreadyCarriesIsHandedToTheCore() {
    Message message = codec.messageBuilder()
        .applicationProperties().entry("traceparent", "00-the-application's").messageBuilder()
        .messageAnnotations().entry("b3", "the-application's-b3").messageBuilder()
        .addData(new byte[0]).build();

    send(message, null);

    Map<String, Object> carrier = backend.started.get(0).carrier();
    assertEquals("00-the-application's", carrier.get("traceparent"));
    assertEquals("the-application's-b3", carrier.get("b3"));
  }

  @Test
  void theConfirmationEndsTheSpanThenReachesTheApplicationForItsOwnMessage() {
    Message message = message();
    List<ConfirmationStatus> seen = new ArrayList<>();
    List<Boolean> endedWhenSeen = new ArrayList<>();
    Object[] sent = send(message, status -> {
      seen.add(status);
      endedWhenSeen.add(backend.isEnded(backend.started.get(0).id()));
    });
    ConfirmationHandler confirming = (ConfirmationHandler) sent[1];

    confirming.handle(new ConfirmationStatus((Message) sent[0], true, (short) 1));

    assertEquals(1, seen.size());
    assertSame(message, seen.get(0).getMessage());
    assertTrue(seen.get(0).isConfirmed());
    assertEquals(List.of(true), endedWhenSeen);
    RecordingBackend.Span span = backend.started.get(0);
    assertEquals("publish readings", span.name());
    assertEquals("42", span.attribute("messaging.message.id"));
    assertEquals("ack", span.attribute("messaging.rabbitmq.confirm"));
    assertEquals(0, OpenPublishes.openOf(producer));
  }

  @Test
  void aMessageTheBrokerRefusedEndsItsSpanFailedWithTheClientsCode() {
    Object[] sent = send(message(), null); // the application gave no handler
    ((ConfirmationHandler) sent[1]).handle(new ConfirmationStatus((Message) sent[0], false, (short) 10002));

    RecordingBackend.Span span = backend.started.get(0);
    assertTrue(backend.isEnded(span.id()));
    assertEquals("nack", span.attribute("messaging.rabbitmq.confirm"));
    assertEquals(10002L, span.attribute("messaging.rabbitmq.confirm.code"));
    assertEquals("nack", backend.failures.get(span.id()));
  }

  @Test
  void withTheTracerFailingTheApplicationsOwnMessageAndHandlerGoOut() {
    Tracing.install(new ThrowingBackend()); // writes half a context into the carrier, then throws
    Message message = message();
    assertNull(StreamSend.start(producer, "readings", 42L, message.getMessageAnnotations(),
        message.getApplicationProperties()));
  }

  /** Entries as text, byte arrays by content. */
  private static String describe(Map<String, Object> map) {
    StringBuilder text = new StringBuilder();
    new java.util.TreeMap<>(map).forEach((k, v) -> text.append(k).append('=')
        .append(v instanceof byte[] b ? java.util.Arrays.toString(b) : v + ":" + v.getClass().getSimpleName())
        .append(' '));
    return text.toString();
  }
}
