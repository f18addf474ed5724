package io.warren.instrumentation.opentelemetryapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
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
import java.lang.reflect.Method;
import java.nio.file.Paths;
import java.util.List;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An application that uses the OpenTelemetry API without an SDK, in a loader of its own with the
 * API version of the build's execution (1.68.0, then 1.20.0), the module installed as premain
 * installs it, Warren's bridge on an SDK whose spans the test reads.
 */
class ApplicationSpansTest {

  private static final InMemorySpanExporter EXPORTED = InMemorySpanExporter.create();
  private static Class<?> shop;

  @BeforeAll
  static void installAgentAndLoadTheApplication() throws Exception {
    Context.current(); // the SDK's own context storage is made before the agent is there
    ModuleInstaller.install(
        ByteBuddyAgent.install(), List.of(new OpenTelemetryApiInstrumentationModule()));
    SdkTracerProvider provider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(EXPORTED)).build();
    Tracing.install(new OtelTracingBackend(OpenTelemetrySdk.builder().setTracerProvider(provider).build()));
    shop = new ApplicationLoader().loadClass(
        OpenTelemetryApiInstrumentationModule.class.getPackage().getName() + ".app.ShopApplication");
  }

  @BeforeEach
  void noSpansYet() {
    EXPORTED.reset();
  }

  @Test
  void theApplicationRunsWithTheApiVersionUnderTest() throws Exception {
    String location = (String) call("apiLocation");
    String version = Paths.get(System.getProperty("application.api")).getFileName().toString();
    assertTrue(location.endsWith("/opentelemetry-api-" + version + ".jar"), location);
  }

  @Test
  void aPublishInsideTheApplicationsSpanIsItsChildInOneTrace() throws Exception {
    Runnable publish = () -> Tracing.end(
        Tracing.start(SpanStart.begin("io.warren.test", SpanStart.Kind.PRODUCER, "publish")), null);

    String checkoutId = (String) call("checkout", publish);

    SpanData checkout = exported("checkout");
    SpanData published = exported("publish");
    assertEquals(checkoutId, checkout.getSpanId());
    assertEquals(checkout.getSpanId(), published.getParentSpanId());
    assertEquals(checkout.getTraceId(), published.getTraceId());
    assertEquals(3L, checkout.getAttributes().get(AttributeKey.longKey("shop.cart.items")));
  }

  @Test
  void inWarrensSpanTheApplicationSeesItCurrentAndStartsItsChildren() throws Exception {
    Object process =
        Tracing.startCurrent(SpanStart.begin("io.warren.test", SpanStart.Kind.CONSUMER, "process"));
    String currentInHandler;
    try {
      currentInHandler = (String) call("handle", "order-42");
    } finally {
      Tracing.end(process, null);
    }

    SpanData processed = exported("process");
    SpanData handle = exported("handle");
    assertEquals(processed.getSpanId(), currentInHandler, "Span.current() is Warren's span");
    assertEquals("order-42", processed.getAttributes().get(AttributeKey.stringKey("order.id")));
    assertEquals(processed.getSpanId(), handle.getParentSpanId());
    assertEquals(processed.getTraceId(), handle.getTraceId());
  }

  /** Calls the application as its own thread would: its loader the context class loader. */
  private static Object call(String method, Object... arguments) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(shop.getClassLoader());
    try {
      for (Method candidate : shop.getMethods()) {
        if (candidate.getName().equals(method)) {
          return candidate.invoke(null, arguments);
        }
      }
      throw new NoSuchMethodException(method);
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  private static SpanData exported(String name) {
    List<SpanData> named = EXPORTED.getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals(name)).collect(java.util.stream.Collectors.toList());
    assertEquals(1, named.size(), "spans named " + name + " in " + EXPORTED.getFinishedSpanItems());
    return named.get(0);
  }
}
