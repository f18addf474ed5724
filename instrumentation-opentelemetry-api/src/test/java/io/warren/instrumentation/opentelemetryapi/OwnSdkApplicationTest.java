package io.warren.instrumentation.opentelemetryapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.warren.agent.api.ModuleInstaller;
import io.warren.agent.otel.OtelTracingBackend;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;
import java.util.List;
import java.util.stream.Collectors;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An application with its own SDK registered as the global one (API and SDK of the build's
 * execution, 1.68.0 then 1.20.0), beside Warren's: each records its own spans, once, and they
 * are in one trace with exact parents both ways.
 */
class OwnSdkApplicationTest {

  private static final InMemorySpanExporter WARRENS = InMemorySpanExporter.create();
  private static Class<?> shop;

  @BeforeAll
  static void installAgentAndTheApplicationsSdk() throws Exception {
    Context.current(); // the SDK's own context storage is made before the agent is there
    ModuleInstaller.install(
        ByteBuddyAgent.install(), List.of(new OpenTelemetryApiInstrumentationModule()));
    SdkTracerProvider provider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(WARRENS)).build();
    Tracing.install(new OtelTracingBackend(OpenTelemetrySdk.builder().setTracerProvider(provider).build()));
    shop = new ApplicationLoader(true).loadClass(
        OpenTelemetryApiInstrumentationModule.class.getPackage().getName() + ".app.OwnSdkShop");
    call("install");
  }

  @BeforeEach
  void noSpansYet() {
    WARRENS.reset();
  }

  @Test
  void warrensPublishInsideTheApplicationsOwnSpanIsItsChildAndOnlyWarrensIsWarrens() throws Exception {
    Runnable publish = () -> Tracing.end(
        Tracing.start(SpanStart.begin("io.warren.test", SpanStart.Kind.PRODUCER, "publish")), null);

    String checkoutId = (String) call("checkout", publish);

    String[] checkout = applicationSpan("checkout", checkoutId);
    SpanData published = onlyWarrenSpan("publish");
    assertEquals(checkout[1], published.getTraceId(), "one trace");
    assertEquals(checkoutId, published.getParentSpanId(), "the application's span is the parent");
  }

  @Test
  void inWarrensSpanTheApplicationsOwnSpansAreItsChildren() throws Exception {
    Object process =
        Tracing.startCurrent(SpanStart.begin("io.warren.test", SpanStart.Kind.CONSUMER, "process"));
    String currentInHandler;
    try {
      currentInHandler = (String) call("handle");
    } finally {
      Tracing.end(process, null);
    }

    SpanData processed = onlyWarrenSpan("process");
    assertEquals(processed.getSpanId(), currentInHandler, "Span.current() is Warren's span");
    String[] handle = applicationSpan("handle", null);
    assertEquals(processed.getTraceId(), handle[1], "one trace");
    assertEquals(processed.getSpanId(), handle[3], "Warren's span is the parent");
  }

  /** Warren recorded only its own span, once. */
  private static SpanData onlyWarrenSpan(String name) {
    List<SpanData> spans = WARRENS.getFinishedSpanItems();
    assertEquals(List.of(name), spans.stream().map(SpanData::getName).collect(Collectors.toList()),
        "Warren's spans");
    return spans.get(0);
  }

  /**
   * The application's exporter got the span named {@code name} (with that id, unless null) exactly
   * once: its {@code name trace-id span-id parent-id} words.
   */
  @SuppressWarnings("unchecked")
  private static String[] applicationSpan(String name, String spanId) throws Exception {
    List<String[]> named = ((List<String>) call("exported")).stream()
        .map(line -> line.split(" "))
        .filter(words -> words[0].equals(name) && (spanId == null || words[2].equals(spanId)))
        .collect(Collectors.toList());
    assertEquals(1, named.size(), "the application's " + name + " spans: " + call("exported"));
    return named.get(0);
  }

  /** Calls the application as its own thread would: its loader the context class loader. */
  private static Object call(String method, Object... arguments) throws Exception {
    return ApplicationLoader.call(shop, method, arguments);
  }
}
