package io.warren.instrumentation.logback.bootstrap;

import io.warren.bootstrap.LogKeys;
import io.warren.bootstrap.TraceIds;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What the advice on Logback's {@code LoggingEvent} calls: the map an event carries instead of
 * the application's own, with the span's ids under {@link LogKeys}. JDK types only: it lives in
 * the boot loader.
 */
public final class TraceMdc {

  private TraceMdc() {}

  /**
   * A new, unmodifiable map: the application's MDC entries and the span's ids. An entry the
   * application set under one of the keys keeps its value. Null when there is nothing to add
   * (the application set all three), so the event keeps the map it has. {@code mdc}, which may
   * be the map the logging library holds for the thread, is only read.
   */
  public static Map<String, String> with(TraceIds ids, Map<String, String> mdc) {
    String traceId = LogKeys.traceId();
    String spanId = LogKeys.spanId();
    String traceFlags = LogKeys.traceFlags();
    int size = mdc == null ? 0 : mdc.size();
    if (size > 0 && mdc.containsKey(traceId) && mdc.containsKey(spanId) && mdc.containsKey(traceFlags)) {
      return null;
    }
    Map<String, String> copy = new HashMap<String, String>((size + 3) * 4 / 3 + 1);
    copy.put(traceId, ids.traceId());
    copy.put(spanId, ids.spanId());
    copy.put(traceFlags, ids.traceFlags());
    if (size > 0) {
      copy.putAll(mdc);
    }
    return Collections.unmodifiableMap(copy);
  }
}
