package io.warren.agent.zipkin;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.warren.agent.export.ExportOutage;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.Encoding;

class ResilientSenderTest {

  private static final String ENDPOINT = "http://zipkin:9411/api/v2/spans";

  private final FakeZipkin zipkin = new FakeZipkin();
  private final ExportOutage outage = new ExportOutage("Zipkin", ENDPOINT);
  private final ResilientSender sender = new ResilientSender(zipkin, outage);
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureLog() {
    originalErr = System.err;
    System.setErr(new PrintStream(log, true));
  }

  @AfterEach
  void restoreLog() {
    System.setErr(originalErr);
  }

  @Test
  void failedSendIsSwallowedAndCounted() {
    zipkin.failure = new IOException("Connection refused");

    assertDoesNotThrow(() -> sender.send(spans(3)));
    assertDoesNotThrow(() -> sender.send(spans(2)));

    assertEquals(5, dropped());
    assertTrue(zipkin.received.isEmpty());
  }

  @Test
  void runtimeFailureIsSwallowedToo() {
    zipkin.failure = new IllegalStateException("closed");

    assertDoesNotThrow(() -> sender.send(spans(1)));
    assertEquals(1, dropped());
  }

  @Test
  void nextSendAfterRecoveryReachesZipkin() throws IOException {
    zipkin.failure = new IOException("Connection refused");
    sender.send(spans(2));

    zipkin.failure = null;
    List<byte[]> batch = spans(4);
    sender.send(batch);

    assertEquals(List.of(batch), zipkin.received);
    assertEquals(2, dropped());
  }

  @Test
  void anOutageIsLoggedOnceWhenItStartsAndOnceWhenItEnds() throws IOException {
    zipkin.failure = new IOException("Connection refused");
    sender.send(spans(3));
    sender.send(spans(2));
    sender.send(spans(1));
    zipkin.failure = null;
    sender.send(spans(1));
    sender.send(spans(1));

    List<String> lines = log.toString().lines().toList();
    assertEquals(2, lines.size(), log.toString());
    assertTrue(lines.get(0).contains("WARN") && lines.get(0).contains(ENDPOINT), lines.get(0));
    assertTrue(lines.get(0).contains("Connection refused"), lines.get(0));
    assertTrue(lines.get(1).contains("6 spans were dropped"), lines.get(1));
  }

  @Test
  void eachOutageCountsItsOwnDroppedSpans() throws IOException {
    zipkin.failure = new IOException("down");
    sender.send(spans(3));
    zipkin.failure = null;
    sender.send(spans(1));
    zipkin.failure = new IOException("down again");
    sender.send(spans(2));
    zipkin.failure = null;
    sender.send(spans(1));

    List<String> lines = log.toString().lines().toList();
    assertEquals(4, lines.size(), log.toString());
    assertTrue(lines.get(3).contains("2 spans were dropped"), lines.get(3));
    assertEquals(5, dropped());
  }

  @Test
  void closeClosesZipkinSender() throws IOException {
    sender.close();
    assertTrue(zipkin.closed);
  }

  private long dropped() {
    return outage.unsent();
  }

  @Test
  void sizesAndEncodingAreZipkinSenders() {
    assertEquals(Encoding.PROTO3, sender.encoding());
    assertEquals(1234, sender.messageMaxBytes());
    assertEquals(1010, sender.messageSizeInBytes(1000));
    assertEquals(10 + 3, sender.messageSizeInBytes(spans(3)));
  }

  private static List<byte[]> spans(int count) {
    List<byte[]> spans = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      spans.add(new byte[] {'{', '}'});
    }
    return spans;
  }

  /** A Zipkin sender that fails while {@code failure} is set and records what it sent. */
  private static final class FakeZipkin implements BytesMessageSender {
    Exception failure;
    boolean closed;
    final List<List<byte[]>> received = new ArrayList<>();

    @Override
    public void send(List<byte[]> encodedSpans) throws IOException {
      if (failure instanceof IOException) {
        throw (IOException) failure;
      } else if (failure instanceof RuntimeException) {
        throw (RuntimeException) failure;
      }
      received.add(encodedSpans);
    }

    @Override
    public Encoding encoding() {
      return Encoding.PROTO3;
    }

    @Override
    public int messageMaxBytes() {
      return 1234;
    }

    @Override
    public int messageSizeInBytes(List<byte[]> encodedSpans) {
      return 10 + encodedSpans.size();
    }

    @Override
    public int messageSizeInBytes(int encodedSizeInBytes) {
      return encodedSizeInBytes + 10;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
