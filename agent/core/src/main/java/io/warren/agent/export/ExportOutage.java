package io.warren.agent.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.warren.bootstrap.WarrenLog;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one exporter tells the user about its backend being unreachable: one line when an outage
 * starts, one when the backend answers again (with the spans lost in between), instead of a stack
 * trace per batch. Spans that could not be sent are counted for the report at exit; they are
 * never retried into an application that is already busy.
 */
public final class ExportOutage {

  private final String backend;
  private final String endpoint;
  /** What is sent: "spans", "metrics". */
  private final String what;
  private final AtomicLong unsent = new AtomicLong();
  private final AtomicLong unsentSinceOutage = new AtomicLong();
  private final AtomicBoolean reachable = new AtomicBoolean(true);

  /**
   * @param backend what the user calls the receiver ("Zipkin", "OTLP")
   */
  public ExportOutage(String backend, String endpoint) {
    this(backend, endpoint, "spans");
  }

  /**
   * @param what what is sent, as the log lines name it ("metrics")
   */
  public ExportOutage(String backend, String endpoint, String what) {
    this.backend = backend;
    this.endpoint = endpoint;
    this.what = what;
  }

  /** {@code items} could not be sent, because of {@code cause} (a description, or null). */
  public void failed(int items, String cause) {
    unsent.addAndGet(items);
    unsentSinceOutage.addAndGet(items);
    if (reachable.compareAndSet(true, false)) {
      WarrenLog.warn(
          "cannot send " + what + " to " + backend + " at " + endpoint
              + (cause == null ? "" : " (" + Secrets.redact(cause) + ")")
              + "; " + what + " are dropped until it answers again");
    }
  }

  public void succeeded() {
    if (reachable.compareAndSet(false, true)) {
      WarrenLog.info(
          backend + " at " + endpoint + " answers again; "
              + unsentSinceOutage.getAndSet(0) + " " + what + " were dropped meanwhile");
    }
  }

  /**
   * Follows one export's {@code result}: a failure starts (or continues) an outage, a success
   * ends it. Returns the result.
   */
  public CompletableResultCode follow(final CompletableResultCode result, final int items) {
    result.whenComplete(
        () -> {
          if (result.isSuccess()) {
            succeeded();
          } else {
            failed(items, OutageReportingExporter.cause(result.getFailureThrowable()));
          }
        });
    return result;
  }

  /** False from a failed send until a send succeeds again. */
  public boolean isReachable() {
    return reachable.get();
  }

  /** The URL spans are sent to. */
  public String endpoint() {
    return endpoint;
  }

  /** Spans that reached the exporter but could not be sent, since the JVM started. */
  public long unsent() {
    return unsent.get();
  }

  /** Where the spans go, as in the log lines: "Zipkin at http://...". */
  public String describe() {
    return backend + " at " + endpoint;
  }
}
