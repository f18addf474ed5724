package io.warren.instrumentation.concurrent;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.warren.agent.api.ModuleInstaller;
import io.warren.agent.otel.OtelTracingBackend;
import io.warren.bootstrap.Tracing;
import java.util.List;
import java.util.concurrent.Callable;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The module installed in this JVM the way premain installs it (the JDK classes, loaded long
 * before, are retransformed), the bridge on a real OpenTelemetry SDK. The build puts the bridge
 * and the module's bootstrap package on the boot class path, as the agent's jar does.
 */
final class AgentInThisJvm {

  private static Tracer tracer;

  private AgentInThisJvm() {}

  static synchronized void install() {
    if (tracer == null) {
      ModuleInstaller.install(
          ByteBuddyAgent.install(), List.of(new JavaConcurrentInstrumentationModule()));
      SdkTracerProvider provider = SdkTracerProvider.builder().build();
      Tracing.install(new OtelTracingBackend(OpenTelemetrySdk.builder().setTracerProvider(provider).build()));
      tracer = provider.get("test");
    }
  }

  /** Runs {@code work} in a new span, current while it runs; returns the span's id. */
  static String inSpan(ThrowingRunnable work) throws Exception {
    Span span = tracer.spanBuilder("handler").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      work.run();
    } finally {
      span.end();
    }
    return span.getSpanContext().getSpanId();
  }

  /** Calls {@code work} in a new span; returns the span's id and what the work returned. */
  static <V> Object[] callInSpan(Callable<V> work) throws Exception {
    Span span = tracer.spanBuilder("handler").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return new Object[] {span.getSpanContext().getSpanId(), work.call()};
    } finally {
      span.end();
    }
  }

  /** The id of the span current on this thread, or "none". */
  static String currentSpanId() {
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() ? context.getSpanId() : "none";
  }

  /** Makes a span current and never closes the scope: a task that leaks its context. */
  static void leakAScope() {
    tracer.spanBuilder("leaked").startSpan().makeCurrent();
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
