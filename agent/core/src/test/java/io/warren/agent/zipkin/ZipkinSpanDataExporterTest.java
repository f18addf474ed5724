package io.warren.agent.zipkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.warren.agent.export.ExportOutage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

class ZipkinSpanDataExporterTest {

  private static final String ENDPOINT = "http://zipkin:9411/api/v2/spans";

  private final FakeZipkin zipkin = new FakeZipkin();
  private final ExportOutage outage = new ExportOutage("Zipkin", ENDPOINT);
  private final ZipkinSpanDataExporter exporter =
      new ZipkinSpanDataExporter(new SpanDataProto3Encoder(), zipkin, outage);
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
  void aBatchIsOneRequestOfAllItsSpans() {
    assertTrue(exporter.export(spans("a", "b", "c")).isSuccess());
    assertTrue(exporter.export(spans("d")).isSuccess());

    assertEquals(List.of(List.of("a", "b", "c"), List.of("d")), zipkin.receivedNames());
  }

  @Test
  void failedSendIsSwallowedAndCounted() {
    zipkin.failure = new IOException("Connection refused");

    CompletableResultCode first = exporter.export(spans("a", "b", "c"));
    CompletableResultCode second = exporter.export(spans("d", "e"));

    assertTrue(first.isSuccess() && second.isSuccess(), "the outage counts them, not the processor");
    assertEquals(5, outage.unsent());
    assertTrue(zipkin.received.isEmpty());
  }

  @Test
  void runtimeFailureIsSwallowedToo() {
    zipkin.failure = new IllegalStateException("closed");

    assertTrue(exporter.export(spans("a")).isSuccess());
    assertEquals(1, outage.unsent());
  }

  @Test
  void nextBatchAfterRecoveryReachesZipkin() {
    zipkin.failure = new IOException("Connection refused");
    exporter.export(spans("a", "b"));

    zipkin.failure = null;
    exporter.export(spans("c", "d", "e", "f"));

    assertEquals(List.of(List.of("c", "d", "e", "f")), zipkin.receivedNames());
    assertEquals(2, outage.unsent());
  }

  @Test
  void anOutageIsLoggedOnceWhenItStartsAndOnceWhenItEnds() {
    zipkin.failure = new IOException("Connection refused");
    exporter.export(spans("a", "b", "c"));
    exporter.export(spans("d", "e"));
    exporter.export(spans("f"));
    zipkin.failure = null;
    exporter.export(spans("g"));
    exporter.export(spans("h"));

    List<String> lines = log.toString().lines().collect(Collectors.toList());
    assertEquals(2, lines.size(), log.toString());
    assertTrue(lines.get(0).contains("WARN") && lines.get(0).contains(ENDPOINT), lines.get(0));
    assertTrue(lines.get(0).contains("Connection refused"), lines.get(0));
    assertTrue(lines.get(1).contains("6 spans were dropped"), lines.get(1));
  }

  @Test
  void eachOutageCountsItsOwnDroppedSpans() {
    zipkin.failure = new IOException("down");
    exporter.export(spans("a", "b", "c"));
    zipkin.failure = null;
    exporter.export(spans("d"));
    zipkin.failure = new IOException("down again");
    exporter.export(spans("e", "f"));
    zipkin.failure = null;
    exporter.export(spans("g"));

    List<String> lines = log.toString().lines().collect(Collectors.toList());
    assertEquals(4, lines.size(), log.toString());
    assertTrue(lines.get(3).contains("2 spans were dropped"), lines.get(3));
    assertEquals(5, outage.unsent());
  }

  @Test
  void nothingIsSentAfterShutdown() {
    exporter.shutdown();

    assertTrue(!exporter.export(spans("a")).isSuccess());
    assertTrue(zipkin.received.isEmpty());
  }

  private static List<SpanData> spans(String... names) {
    List<SpanData> spans = new ArrayList<>();
    for (String name : names) {
      spans.add(TestSpanData.builder()
          .setSpanContext(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
              TraceFlags.getSampled(), TraceState.getDefault()))
          .setName(name)
          .setKind(SpanKind.PRODUCER)
          .setStartEpochNanos(1_000_000)
          .setEndEpochNanos(2_000_000)
          .setStatus(StatusData.unset())
          .setHasEnded(true)
          .build());
    }
    return spans;
  }

  /** A Zipkin that fails while {@code failure} is set and decodes what it is sent. */
  private static final class FakeZipkin implements ZipkinSender {
    Exception failure;
    final List<List<Span>> received = new ArrayList<>();

    @Override
    public void send(Proto3Buffer spans) throws IOException {
      if (failure instanceof IOException) {
        throw (IOException) failure;
      } else if (failure instanceof RuntimeException) {
        throw (RuntimeException) failure;
      }
      received.add(SpanBytesDecoder.PROTO3.decodeList(spans.toByteArray()));
    }

    List<List<String>> receivedNames() {
      return received.stream()
          .map(batch -> batch.stream().map(Span::name).collect(Collectors.toList()))
          .collect(Collectors.toList());
    }
  }
}
