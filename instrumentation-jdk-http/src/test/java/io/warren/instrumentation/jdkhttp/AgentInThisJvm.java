package io.warren.instrumentation.jdkhttp;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.warren.agent.api.ModuleInstaller;
import io.warren.agent.otel.OtelTracingBackend;
import io.warren.bootstrap.Tracing;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The module installed in this JVM the way premain installs it (the JDK classes are
 * retransformed), the bridge on a real OpenTelemetry SDK (W3C propagation) whose spans are kept in
 * memory as each ends. The build puts the bridge and the bootstrap packages on the boot class path,
 * as the agent's jar does.
 */
final class AgentInThisJvm {

  static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static boolean installed;

  private AgentInThisJvm() {}

  static synchronized void install() {
    if (!installed) {
      ModuleInstaller.install(ByteBuddyAgent.install(), List.of(new JdkHttpInstrumentationModule()));
      SdkTracerProvider provider =
          SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build();
      Tracing.install(new OtelTracingBackend(OpenTelemetrySdk.builder().setTracerProvider(provider)
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build()));
      installed = true;
    }
  }

  /** The ended spans that match, waiting (bounded) until there are {@code count} of them. */
  static List<SpanData> awaitSpans(int count, Predicate<SpanData> which) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<SpanData> found;
    do {
      found = SPANS.getFinishedSpanItems().stream().filter(which).collect(Collectors.toList());
      if (found.size() >= count) {
        return found;
      }
      Thread.sleep(10);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("expected " + count + " spans, got " + found);
  }
}
