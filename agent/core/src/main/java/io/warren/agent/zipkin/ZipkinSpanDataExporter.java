package io.warren.agent.zipkin;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.warren.agent.export.ExportOutage;
import io.warren.bootstrap.WarrenLog;
import java.io.IOException;
import java.util.Collection;

/**
 * The Zipkin exporter: each batch is written by {@link SpanDataProto3Encoder} into one buffer,
 * reused from batch to batch, and sent as one {@code ListOfSpans}.
 *
 * <p>A batch Zipkin does not take is dropped and reported through {@link ExportOutage} (one line
 * when Zipkin stops answering, one when it is back) instead of a stack trace per batch; the
 * batch processor's queue is bounded, so memory stays bounded too. The export still counts as
 * done for the processor: the outage has counted the spans as unsent.
 */
final class ZipkinSpanDataExporter implements SpanExporter {

  /** Grows to the size of the largest batch, then stays. */
  private static final int INITIAL_BUFFER = 64 * 1024;

  private final SpanDataProto3Encoder encoder;
  private final ZipkinSender sender;
  private final ExportOutage outage;
  private final Proto3Buffer buffer = new Proto3Buffer(INITIAL_BUFFER);
  private volatile boolean shutdown;

  ZipkinSpanDataExporter(SpanDataProto3Encoder encoder, ZipkinSender sender, ExportOutage outage) {
    this.encoder = encoder;
    this.sender = sender;
    this.outage = outage;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    if (shutdown) {
      return CompletableResultCode.ofFailure();
    }
    // The batch processor exports from its one thread; the lock only guards the shared buffer
    // against a caller that does otherwise.
    synchronized (buffer) {
      buffer.reset();
      int written = 0;
      for (SpanData span : spans) {
        int before = buffer.size();
        try {
          encoder.write(span, buffer);
          written++;
        } catch (RuntimeException e) {
          buffer.truncate(before); // a span the encoder cannot read: leave it out, send the rest
          WarrenLog.debug("a span could not be encoded for Zipkin: " + e);
        }
      }
      if (written == 0) {
        return CompletableResultCode.ofSuccess();
      }
      try {
        sender.send(buffer);
      } catch (IOException | RuntimeException e) {
        outage.failed(spans.size(), e.toString());
        return CompletableResultCode.ofSuccess();
      }
    }
    outage.succeeded();
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    shutdown = true;
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public String toString() {
    return outage.describe();
  }
}
