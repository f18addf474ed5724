package io.warren.bootstrap;

/**
 * The keys a span's ids go under in a log event's MDC or context data, the same for every
 * logging library: the OpenTelemetry Java agent's names unless the settings say otherwise. Read
 * by the logging modules' advice, so it lives in the boot loader.
 */
public final class LogKeys {

  private static volatile String traceId = "trace_id";
  private static volatile String spanId = "span_id";
  private static volatile String traceFlags = "trace_flags";

  private LogKeys() {}

  /** Set once at start-up, from the settings. */
  public static void configure(String traceIdKey, String spanIdKey, String traceFlagsKey) {
    traceId = traceIdKey;
    spanId = spanIdKey;
    traceFlags = traceFlagsKey;
  }

  public static String traceId() {
    return traceId;
  }

  public static String spanId() {
    return spanId;
  }

  public static String traceFlags() {
    return traceFlags;
  }
}
