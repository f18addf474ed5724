package io.warren.agent.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.warren.agent.ExportOnly;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SpanAccountingTest {

  /** An exporter stuck on its first batch, as one talking to a silent Zipkin would be. */
  private static SpanExporter stuckUntil(CountDownLatch release) {
    return ExportOnly.exporter(spans -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return CompletableResultCode.ofSuccess();
    });
  }

  @Test
  void countsWhatTheFullQueueDropped() {
    SpanAccounting accounting = new SpanAccounting();
    CountDownLatch release = new CountDownLatch(1);
    SpanExporter exporter = stuckUntil(release);
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                accounting.counting(
                    BatchSpanProcessor.builder(accounting.counting(exporter))
                        .setMaxQueueSize(10)
                        .setMaxExportBatchSize(5)
                        .build()))
            .build();
    for (int i = 0; i < 100; i++) {
      provider.get("test").spanBuilder("s" + i).startSpan().end();
    }
    release.countDown();
    provider.shutdown().join(10, TimeUnit.SECONDS);

    // Only a full queue and the batches the worker held got through; the rest was dropped.
    long dropped = accounting.notExported();
    assertEquals(true, dropped >= 100 - 10 - 2 * 5 - 1 && dropped < 100, "dropped " + dropped);
  }

  @Test
  void unsampledSpansAreNotCounted() {
    SpanAccounting accounting = new SpanAccounting();
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setSampler(Sampler.alwaysOff())
            .addSpanProcessor(
                accounting.counting(
                    BatchSpanProcessor.builder(accounting.counting(stuckUntil(new CountDownLatch(1)))).build()))
            .build();
    provider.get("test").spanBuilder("s").startSpan().end();
    provider.shutdown().join(10, TimeUnit.SECONDS);
    assertEquals(0, accounting.notExported());
  }
}
