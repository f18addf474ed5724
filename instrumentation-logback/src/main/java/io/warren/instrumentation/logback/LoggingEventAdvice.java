package io.warren.instrumentation.logback;

import ch.qos.logback.classic.spi.LoggingEvent;
import io.warren.bootstrap.TraceIds;
import io.warren.bootstrap.Tracing;
import io.warren.instrumentation.logback.bootstrap.TraceMdc;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the end of {@code LoggingEvent}'s constructor, on the thread that logs. With a span
 * current, the event takes its MDC snapshot now (as an asynchronous appender has it taken before
 * the hand-off) and keeps a copy of it with the span's ids; the map the MDC adapter holds for the
 * thread is never written. Without a span nothing happens and the snapshot stays lazy.
 */
final class LoggingEventAdvice {

  private LoggingEventAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void onExit(
      @Advice.This LoggingEvent event,
      @Advice.FieldValue(value = "mdcPropertyMap", readOnly = false) Map<String, String> mdcPropertyMap) {
    TraceIds ids = Tracing.currentTraceIds();
    if (ids != null) {
      Map<String, String> withIds = TraceMdc.with(ids, event.getMDCPropertyMap());
      if (withIds != null) {
        mdcPropertyMap = withIds;
      }
    }
  }
}
