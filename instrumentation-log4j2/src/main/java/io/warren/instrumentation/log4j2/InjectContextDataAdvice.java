package io.warren.instrumentation.log4j2;

import io.warren.bootstrap.TraceIds;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.LogKeys;
import net.bytebuddy.asm.Advice;
import org.apache.logging.log4j.core.impl.ContextDataFactory;
import org.apache.logging.log4j.util.StringMap;

/**
 * Inlined at the end of {@code ContextDataInjector.injectContextData(properties, reusable)},
 * which Log4j2 calls on the logging thread as it creates an event (synchronous, asynchronous
 * appender or asynchronous logger alike), and whose result becomes the event's context data.
 * With a span current its ids are added. The injector's result is written only when it is the
 * event's own reusable map; any other map (the ThreadContext's frozen map, an immutable copy, a
 * custom injector's) is copied, and the copy, frozen like the original, is returned instead. An
 * entry the application set under one of the keys keeps its value.
 */
final class InjectContextDataAdvice {

  private InjectContextDataAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void onExit(
      @Advice.Argument(1) StringMap reusable,
      @Advice.Return(readOnly = false) StringMap contextData) {
    TraceIds ids = Tracing.currentTraceIds();
    if (ids == null) {
      return;
    }
    String traceIdKey = LogKeys.traceId();
    String spanIdKey = LogKeys.spanId();
    String traceFlagsKey = LogKeys.traceFlags();
    boolean hasTraceId = contextData != null && contextData.containsKey(traceIdKey);
    boolean hasSpanId = contextData != null && contextData.containsKey(spanIdKey);
    boolean hasTraceFlags = contextData != null && contextData.containsKey(traceFlagsKey);
    if (hasTraceId && hasSpanId && hasTraceFlags) {
      return;
    }
    StringMap target = contextData;
    if (target == null || target != reusable || target.isFrozen()) {
      target = ContextDataFactory.createContextData((contextData == null ? 0 : contextData.size()) + 3);
      if (contextData != null) {
        target.putAll(contextData);
      }
    }
    if (!hasTraceId) {
      target.putValue(traceIdKey, ids.traceId());
    }
    if (!hasSpanId) {
      target.putValue(spanIdKey, ids.spanId());
    }
    if (!hasTraceFlags) {
      target.putValue(traceFlagsKey, ids.traceFlags());
    }
    if (target != contextData) {
      if (contextData == null || contextData.isFrozen()) {
        target.freeze();
      }
      contextData = target;
    }
  }
}
