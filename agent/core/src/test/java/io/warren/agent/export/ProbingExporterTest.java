package io.warren.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.warren.agent.ExportOnly;
import io.warren.agent.StandardError;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** While the backend is down, a batch is encoded and sent only when the backend answers again. */
class ProbingExporterTest {

  private final AtomicInteger exports = new AtomicInteger();
  private final SpanExporter counting = ExportOnly.exporter(spans -> {
    exports.incrementAndGet();
    return CompletableResultCode.ofSuccess();
  });

  @Test
  void whileTheBackendAnswersEveryBatchGoesToTheExporter() throws Exception {
    ExportOutage outage = new ExportOutage("Zipkin", "http://127.0.0.1:1/api/v2/spans");
    ProbingExporter exporter = new ProbingExporter(counting, outage, Duration.ofSeconds(1));

    assertTrue(exporter.export(spans(3)).isSuccess());

    assertEquals(1, exports.get(), "no probe while the backend is reachable, even a closed port");
  }

  @Test
  void duringAnOutageABatchForABackendThatDoesNotAnswerIsDroppedUnencoded() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    ExportOutage outage = new ExportOutage("Zipkin", "http://127.0.0.1:" + closedPort + "/api/v2/spans");
    ProbingExporter exporter = new ProbingExporter(counting, outage, Duration.ofSeconds(1));
    StandardError.of(() -> outage.failed(1, "Connection refused"));

    String log = StandardError.of(() -> assertFalse(exporter.export(spans(4)).isSuccess()));

    assertEquals(0, exports.get(), "the exporter never saw the batch");
    assertEquals(5, outage.unsent(), "the dropped spans count as unsent for the report at exit");
    assertEquals("", log, "the outage was said once already");
  }

  @Test
  void duringAnOutageABatchGoesToTheExporterOnceTheBackendAcceptsConnections() throws Exception {
    try (ServerSocket backend = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      ExportOutage outage =
          new ExportOutage("Zipkin", "http://127.0.0.1:" + backend.getLocalPort() + "/api/v2/spans");
      ProbingExporter exporter = new ProbingExporter(counting, outage, Duration.ofSeconds(1));
      StandardError.of(() -> outage.failed(1, "Connection refused"));

      assertTrue(exporter.export(spans(2)).isSuccess());

      assertEquals(1, exports.get());
    }
  }

  private static Collection<SpanData> spans(int count) {
    return Collections.nCopies(count, null);
  }
}
