package io.warren.agent.export;

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
  private final AtomicLong unsent = new AtomicLong();
  private final AtomicLong unsentSinceOutage = new AtomicLong();
  private final AtomicBoolean reachable = new AtomicBoolean(true);

  /**
   * @param backend what the user calls the receiver ("Zipkin", "OTLP")
   */
  public ExportOutage(String backend, String endpoint) {
    this.backend = backend;
    this.endpoint = endpoint;
  }

  /** {@code spans} could not be sent, because of {@code cause} (a description, or null). */
  public void failed(int spans, String cause) {
    unsent.addAndGet(spans);
    unsentSinceOutage.addAndGet(spans);
    if (reachable.compareAndSet(true, false)) {
      WarrenLog.warn(
          "cannot send spans to " + backend + " at " + endpoint
              + (cause == null ? "" : " (" + Secrets.redact(cause) + ")")
              + "; spans are dropped until it answers again");
    }
  }

  public void succeeded() {
    if (reachable.compareAndSet(false, true)) {
      WarrenLog.info(
          backend + " at " + endpoint + " answers again; "
              + unsentSinceOutage.getAndSet(0) + " spans were dropped meanwhile");
    }
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
