package io.warren.instrumentation.vertxrabbitmq;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.warren.agent.api.ModuleInstaller;
import io.warren.agent.otel.OtelTracingBackend;
import io.warren.bootstrap.Tracing;
import io.warren.instrumentation.concurrent.JavaConcurrentInstrumentationModule;
import io.warren.instrumentation.rabbitmq.RabbitMqInstrumentationModule;
import java.util.List;

/**
 * This module, the RabbitMQ client's and the thread hand-off module installed in this JVM as the
 * agent installs them, with the agent's bridge on the real (unshaded) OpenTelemetry SDK.
 */
final class InstalledModules {

  private InstalledModules() {}

  /** Installs them; returns a tracer for the test's own spans. */
  static Tracer install(SpanProcessor... processors) {
    ModuleInstaller.install(net.bytebuddy.agent.ByteBuddyAgent.install(),
        List.of(new RabbitMqInstrumentationModule(), new JavaConcurrentInstrumentationModule(),
            new VertxRabbitMqInstrumentationModule()));
    SdkTracerProviderBuilder builder = SdkTracerProvider.builder();
    for (SpanProcessor processor : processors) {
      builder.addSpanProcessor(processor);
    }
    SdkTracerProvider provider = builder.build();
    Tracing.install(new OtelTracingBackend(OpenTelemetrySdk.builder().setTracerProvider(provider).build()));
    return provider.get("test");
  }
}
