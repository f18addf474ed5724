package io.warren.agent.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.warren.bootstrap.AgentThreads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AgentThreadExporterTest {

  @Test
  void exportFlushAndShutdownRunAsTheAgentsOwnWorkAndTheThreadIsTheApplicationsAgainAfter() {
    List<Boolean> ownDuring = new ArrayList<>();
    SpanExporter recording =
        new SpanExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> spans) {
            ownDuring.add(AgentThreads.isCurrent());
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode flush() {
            ownDuring.add(AgentThreads.isCurrent());
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode shutdown() {
            ownDuring.add(AgentThreads.isCurrent());
            return CompletableResultCode.ofSuccess();
          }
        };
    SpanExporter exporter = AgentThreadExporter.of(recording, true);

    exporter.export(List.of());
    exporter.flush();
    exporter.shutdown();

    assertEquals(List.of(true, true, true), ownDuring);
    assertFalse(AgentThreads.isCurrent());
  }

  @Test
  void anOtlpExporterWhoseRetriesWereSwitchedOffSendsAFailedExportOnceOnTheAgentsThreads() throws Exception {
    try (ServerSocket receiver = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AtomicInteger requests = new AtomicInteger();
      Thread answering = new Thread(() -> answerUnavailable(receiver, requests), "unavailable-receiver");
      answering.setDaemon(true);
      answering.start();
      SpanExporter otlp = OtlpHttpSpanExporter.builder()
          .setEndpoint("http://127.0.0.1:" + receiver.getLocalPort() + "/v1/traces")
          .setRetryPolicy(null) // as the SDK's configuration makes it with retry.disabled=true
          .build();
      SpanExporter exporter = AgentThreadExporter.of(otlp, true);

      CompletableResultCode result = exporter.export(List.of(TestSpanData.builder()
          .setName("publish").setKind(SpanKind.PRODUCER)
          .setStartEpochNanos(1).setEndEpochNanos(2).setHasEnded(true)
          .setStatus(StatusData.unset()).build()));
      result.join(30, TimeUnit.SECONDS);
      exporter.shutdown().join(10, TimeUnit.SECONDS);

      assertTrue(result.isDone() && !result.isSuccess(), "the export failed");
      assertEquals(1, requests.get(), "a 503 is retryable: a retried export would send it again");
    }
  }

  /** Answers every request 503 (which the exporter would retry) and counts them. */
  private static void answerUnavailable(ServerSocket receiver, AtomicInteger requests) {
    while (!receiver.isClosed()) {
      try (Socket connection = receiver.accept()) {
        BufferedReader in = new BufferedReader(
            new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
          if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        in.skip(length);
        requests.incrementAndGet();
        OutputStream out = connection.getOutputStream();
        out.write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      } catch (IOException closed) {
        return;
      }
    }
  }
}
