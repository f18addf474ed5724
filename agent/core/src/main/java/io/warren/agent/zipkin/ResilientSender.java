package io.warren.agent.zipkin;

import io.warren.bootstrap.WarrenLog;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.Encoding;

/**
 * Sends spans to Zipkin and turns an outage into two log lines instead of a stack trace per
 * batch: one when Zipkin stops answering, one when it is back, with how many spans were lost in
 * between. Spans that cannot be sent are dropped (the batch processor's queue is bounded, so
 * memory stays bounded too); they are never retried into an application that is already busy.
 */
final class ResilientSender implements BytesMessageSender {

  private final BytesMessageSender delegate;
  private final String endpoint;
  /** Spans lost by every sender in this JVM (there is one per SDK, so normally one). */
  private static final AtomicLong DROPPED_TOTAL = new AtomicLong();

  private final AtomicLong droppedSinceOutage = new AtomicLong();
  private volatile boolean reachable = true;

  ResilientSender(BytesMessageSender delegate, String endpoint) {
    this.delegate = delegate;
    this.endpoint = endpoint;
  }

  @Override
  public void send(List<byte[]> encodedSpans) {
    try {
      delegate.send(encodedSpans);
    } catch (IOException | RuntimeException e) {
      droppedSinceOutage.addAndGet(encodedSpans.size());
      DROPPED_TOTAL.addAndGet(encodedSpans.size());
      if (reachable) {
        reachable = false;
        WarrenLog.warn(
            "cannot send spans to Zipkin at " + endpoint + " (" + e + "); "
                + "spans are dropped until it answers again");
      }
      return;
    }
    if (!reachable) {
      reachable = true;
      WarrenLog.info(
          "Zipkin at " + endpoint + " answers again; "
              + droppedSinceOutage.getAndSet(0) + " spans were dropped meanwhile");
    }
  }

  static long droppedTotal() {
    return DROPPED_TOTAL.get();
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
