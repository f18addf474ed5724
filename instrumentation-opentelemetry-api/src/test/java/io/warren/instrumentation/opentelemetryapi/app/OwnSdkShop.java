package io.warren.instrumentation.opentelemetryapi.app;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An application with its own trace SDK, registered as the global one (issue 22 item 3), loaded
 * by {@code ApplicationLoader} with the API and SDK version under test; the tests call it by
 * reflection, with JDK types only. Its spans go to its own exporter, which keeps them.
 */
public final class OwnSdkShop {

  private static final List<SpanData> EXPORTED = new CopyOnWriteArrayList<SpanData>();

  private OwnSdkShop() {}

  /** Registers the application's SDK as the global one. */
  public static void install() {
    final SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(new KeepingExporter())).build();
    GlobalOpenTelemetry.set(new OpenTelemetry() {
      @Override
      public TracerProvider getTracerProvider() {
        return provider;
      }

      @Override
      public ContextPropagators getPropagators() {
        return ContextPropagators.noop();
      }
    });
  }

  private static Tracer tracer() {
    return GlobalOpenTelemetry.getTracer("shop");
  }

  /** Its own {@code checkout} span, current while {@code publish} runs; returns the span's id. */
  public static String checkout(Runnable publish) {
    Span checkout = tracer().spanBuilder("checkout").startSpan();
    try (Scope ignored = checkout.makeCurrent()) {
      publish.run();
      if (Span.current() != checkout) {
        throw new AssertionError("the application's own span is not current: " + Span.current());
      }
    } finally {
      checkout.end();
    }
    return checkout.getSpanContext().getSpanId();
  }

  /** A handler: starts a {@code handle} span of its own; returns the id of the span current. */
  public static String handle() {
    String current = Span.current().getSpanContext().getSpanId();
    tracer().spanBuilder("handle").startSpan().end();
    return current;
  }

  /** What its exporter got: {@code name trace-id span-id parent-id} per span. */
  public static List<String> exported() {
    List<String> lines = new ArrayList<String>();
    for (SpanData span : EXPORTED) {
      lines.add(span.getName() + " " + span.getTraceId() + " " + span.getSpanId() + " "
          + span.getParentSpanId());
    }
    return lines;
  }

  /** The application's own exporter: keeps what it is given. */
  private static final class KeepingExporter implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      EXPORTED.addAll(spans);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
