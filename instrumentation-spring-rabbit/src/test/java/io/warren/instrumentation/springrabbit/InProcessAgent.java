package io.warren.instrumentation.springrabbit;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.ModuleInstaller;
import io.warren.agent.otel.OtelTracingBackend;
import io.warren.bootstrap.Tracing;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The agent, in this JVM: the chosen modules installed the way premain installs them, and the
 * bridge on the real OpenTelemetry SDK (unshaded here), W3C propagation, every ended span kept
 * in memory.
 *
 * <p>Test classes of this module share the JVM but not always the module set (one runs the
 * RabbitMQ module alone), so switching sets removes the previous transformer and retransforms
 * what it had changed: every class is then exactly as the new set alone would make it.
 */
final class InProcessAgent {

  static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

  /** Where each span started and ended: the instrumented method the advice is inlined into. */
  static final SpanFrames FRAMES = new SpanFrames();

  private static final OpenTelemetrySdk SDK =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  // Before the exporter, so a span's frames are known once it is exported.
                  .addSpanProcessor(FRAMES)
                  .addSpanProcessor(SimpleSpanProcessor.create(EXPORTER))
                  .build())
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();

  private static Instrumentation instrumentation;
  private static ClassFileTransformer installed;
  private static String installedNames;

  private InProcessAgent() {}

  static synchronized void install(InstrumentationModule... modules) {
    String names = Arrays.stream(modules).map(InstrumentationModule::name).collect(Collectors.joining(","));
    if (!names.equals(installedNames)) {
      if (instrumentation == null) {
        instrumentation = ByteBuddyAgent.install();
      }
      ClassFileTransformer previous = installed;
      if (previous != null) {
        instrumentation.removeTransformer(previous);
      }
      installed = ModuleInstaller.install(instrumentation, List.of(modules));
      if (previous != null) {
        // Undo what only the previous set did (say, the Spring module's advice, or the client
        // module's on a consumer the Spring module had taken over).
        ModuleInstaller.retransformLoaded(instrumentation, previous);
      }
      installedNames = names;
    }
    Tracing.install(new OtelTracingBackend(SDK));
    EXPORTER.reset();
    FRAMES.clear();
  }

  /** Records the first frame outside OpenTelemetry and Warren when a span starts and ends. */
  static final class SpanFrames implements SpanProcessor {

    private final Map<String, String> started = new ConcurrentHashMap<>();
    private final Map<String, String> ended = new ConcurrentHashMap<>();

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      started.put(span.getSpanContext().getSpanId(), caller());
    }

    @Override
    public boolean isStartRequired() {
      return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      ended.put(span.getSpanContext().getSpanId(), caller());
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }

    /** {@code class.method} of the instrumented method in which the span started. */
    String startedIn(String spanId) {
      return started.get(spanId);
    }

    /** {@code class.method} of the instrumented method in which the span ended. */
    String endedIn(String spanId) {
      return ended.get(spanId);
    }

    void clear() {
      started.clear();
      ended.clear();
    }

    private static String caller() {
      return StackWalker.getInstance()
          .walk(
              frames ->
                  frames
                      .map(frame -> frame.getClassName() + "." + frame.getMethodName())
                      .filter(name -> !name.startsWith("io.opentelemetry.") && !name.startsWith("io.warren."))
                      .findFirst()
                      .orElse("?"));
    }
  }
}
