package io.warren.agent.otel;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.warren.agent.export.ForwardingSpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts sampled spans as they end and as they reach the exporter. The batch processor drops
 * spans silently when its bounded queue is full (that is what keeps memory bounded when Zipkin
 * is slow or down); the difference between the two counts is what it dropped, and the agent
 * reports it once, at exit.
 */
final class SpanAccounting {

  private final AtomicLong ended = new AtomicLong();
  private final AtomicLong exported = new AtomicLong();

  /** Spans that ended but never reached the exporter. */
  long notExported() {
    return Math.max(0, ended.get() - exported.get());
  }

  SpanProcessor counting(final SpanProcessor processor) {
    return new SpanProcessor() {
      @Override
      public void onStart(Context parentContext, ReadWriteSpan span) {
        processor.onStart(parentContext, span);
      }

      @Override
      public boolean isStartRequired() {
        return processor.isStartRequired();
      }

      @Override
      public void onEnd(ReadableSpan span) {
        if (span.getSpanContext().isSampled()) {
          ended.incrementAndGet();
        }
        processor.onEnd(span);
      }

      @Override
      public boolean isEndRequired() {
        return true;
      }

      @Override
      public CompletableResultCode shutdown() {
        return processor.shutdown();
      }

      @Override
      public CompletableResultCode forceFlush() {
        return processor.forceFlush();
      }
    };
  }

  SpanExporter counting(final SpanExporter exporter) {
    return new ForwardingSpanExporter(exporter) {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        exported.addAndGet(spans.size());
        return delegate.export(spans);
      }
    };
  }
}
