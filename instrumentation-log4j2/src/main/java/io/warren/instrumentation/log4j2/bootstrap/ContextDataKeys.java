package io.warren.instrumentation.log4j2.bootstrap;

/**
 * The context-data keys the span's ids go under, from the module's settings; read by the advice
 * on Log4j2's context data injectors. It lives in the boot loader.
 */
public final class ContextDataKeys {

  private static volatile String traceId = "trace_id";
  private static volatile String spanId = "span_id";
  private static volatile String traceFlags = "trace_flags";

  private ContextDataKeys() {}

  /** Set once at start-up. */
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
