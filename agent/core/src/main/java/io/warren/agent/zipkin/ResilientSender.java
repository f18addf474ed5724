package io.warren.agent.zipkin;

import io.warren.agent.export.ExportOutage;
import java.io.IOException;
import java.util.List;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.Encoding;

/**
 * Sends spans to Zipkin and reports an outage through {@link ExportOutage} (one line when Zipkin
 * stops answering, one when it is back) instead of a stack trace per batch. Spans that cannot be
 * sent are dropped (the batch processor's queue is bounded, so memory stays bounded too).
 */
final class ResilientSender implements BytesMessageSender {

  private final BytesMessageSender delegate;
  private final ExportOutage outage;

  ResilientSender(BytesMessageSender delegate, ExportOutage outage) {
    this.delegate = delegate;
    this.outage = outage;
  }

  @Override
  public void send(List<byte[]> encodedSpans) {
    try {
      delegate.send(encodedSpans);
    } catch (IOException | RuntimeException e) {
      outage.failed(encodedSpans.size(), e.toString());
      return;
    }
    outage.succeeded();
  }

  @Override
  public Encoding encoding() {
    return delegate.encoding();
  }

  @Override
  public int messageMaxBytes() {
    return delegate.messageMaxBytes();
  }

  @Override
  public int messageSizeInBytes(List<byte[]> encodedSpans) {
    return delegate.messageSizeInBytes(encodedSpans);
  }

  @Override
  public int messageSizeInBytes(int encodedSizeInBytes) {
    return delegate.messageSizeInBytes(encodedSizeInBytes);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
