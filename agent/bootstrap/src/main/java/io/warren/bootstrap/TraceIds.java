package io.warren.bootstrap;

/**
 * The ids of a span, as log correlation writes them: the 32-hex-digit trace id, the 16-hex-digit
 * span id and the two-hex-digit trace flags ({@code 01} sampled, {@code 00} not). Immutable, JDK
 * types only, so advice in any class loader can read it.
 */
public final class TraceIds {

  private final String traceId;
  private final String spanId;
  private final String traceFlags;

  public TraceIds(String traceId, String spanId, String traceFlags) {
    this.traceId = traceId;
    this.spanId = spanId;
    this.traceFlags = traceFlags;
  }

  public String traceId() {
    return traceId;
  }

  public String spanId() {
    return spanId;
  }

  public String traceFlags() {
    return traceFlags;
  }

  @Override
  public String toString() {
    return traceId + "-" + spanId + "-" + traceFlags;
  }
}
