package io.warren.instrumentation.opentelemetryapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.warren.agent.api.ModuleInstaller;
import io.warren.agent.otel.OtelTracingBackend;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
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
    Tracing.install(new OtelTracingBackend(OpenTelemetrySdk.builder().setTracerProvider(provider)
        .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
            W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
        .build()));
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

  @Test
  void eventsStatusAndExceptionsTheHandlerSetsAreOnWarrensSpan() throws Exception {
    Object process =
        Tracing.startCurrent(SpanStart.begin("io.warren.test", SpanStart.Kind.CONSUMER, "process"));
    try {
      call("handleOutOfStock", "order-7");
    } finally {
      Tracing.end(process, null);
    }

    SpanData processed = exported("process");
    List<EventData> events = processed.getEvents();
    assertEquals(List.of("stock checked", "exception"), events.stream().map(EventData::getName).toList());
    assertEquals(0L, events.get(0).getAttributes().get(AttributeKey.longKey("stock.left")));
    assertEquals(IllegalStateException.class.getName(),
        events.get(1).getAttributes().get(AttributeKey.stringKey("exception.type")));
    assertEquals("no order-7", events.get(1).getAttributes().get(AttributeKey.stringKey("exception.message")));
    assertEquals("order-7", events.get(1).getAttributes().get(AttributeKey.stringKey("order.id")));
    assertTrue(events.get(1).getAttributes().get(AttributeKey.stringKey("exception.stacktrace"))
        .contains("handleOutOfStock"));
    assertEquals(StatusCode.ERROR, processed.getStatus().getStatusCode());
    assertEquals("out of stock", processed.getStatus().getDescription());
  }

  @Test
  void theApplicationsSpanTakesANewNameAnEventAtItsTimeAndItsStatus() throws Exception {
    long at = 1_700_000_000_123_000_000L;

    call("priced", at);

    SpanData priced = exported("price lookup");
    assertEquals(List.of("priced"), priced.getEvents().stream().map(EventData::getName).toList());
    assertEquals(at, priced.getEvents().get(0).getEpochNanos());
    assertEquals(StatusCode.OK, priced.getStatus().getStatusCode());
  }

  @Test
  void anEntryOfTheApplicationsOwnGoesWithTheContextWarrenHandsToAnotherThread() throws Exception {
    // What the thread hand-off modules do: take Warren's context where the task is handed over,
    // make it current where it runs.
    UnaryOperator<Runnable> handOff = task -> {
      Object context = Tracing.currentContext();
      return () -> {
        Object scope = Tracing.attach(context);
        try {
          task.run();
        } finally {
          Tracing.detach(scope);
        }
      };
    };

    assertEquals("request-7", call("entryOnAnotherThread", "request-7", handOff));
  }

  @Test
  void baggageTheApplicationMakesCurrentTravelsWithThePublishAndIsCurrentInTheHandler() throws Exception {
    Map<String, Object> headers = new HashMap<>();
    Runnable publish = () -> Tracing.end(Tracing.start(SpanStart.begin("io.warren.test", SpanStart.Kind.PRODUCER,
        "publish").injectInto(headers)), null);

    call("checkoutFor", "acme", publish);
    Object process = Tracing.startCurrent(
        SpanStart.begin("io.warren.test", SpanStart.Kind.CONSUMER, "process").parentFrom(headers));
    String tenant;
    try {
      tenant = (String) call("baggage", "tenant");
    } finally {
      Tracing.end(process, null);
    }

    assertEquals("tenant=acme", headers.get("baggage"));
    assertEquals("acme", tenant);
    assertEquals(exported("checkout").getSpanId(), exported("publish").getParentSpanId());
    assertEquals(null, call("baggage", "tenant"), "no baggage once the handler is done");
  }

  @Test
  @SuppressWarnings("unchecked")
  void whatTheApplicationPropagatesByHandGoesThroughWarrensPropagators() throws Exception {
    Map<String, String> carrier = (Map<String, String>) call("propagateByHand");

    SpanData checkout = exported("checkout");
    SpanData remote = exported("remote work");
    assertTrue(carrier.get("traceparent").startsWith("00-" + checkout.getTraceId() + "-" + checkout.getSpanId()),
        carrier.toString());
    assertEquals("tenant=acme", carrier.get("baggage"));
    assertEquals("acme", carrier.get("extracted.tenant"));
    assertEquals(checkout.getSpanId(), remote.getParentSpanId());
    assertEquals(checkout.getTraceId(), remote.getTraceId());
  }

  @Test
  void noParentARootParentLinksAndASpanKnownByItsIds() throws Exception {
    String otherTrace = "0af7651916cd43dd8448eb211c80319c";
    String otherSpan = "b7ad6b7169203331";
    Runnable publish = () -> Tracing.end(
        Tracing.start(SpanStart.begin("io.warren.test", SpanStart.Kind.PRODUCER, "publish")), null);

    call("parentsAndLinks", otherTrace, otherSpan, publish);

    SpanData checkout = exported("checkout");
    assertFalse(exported("orphan").getParentSpanContext().isValid(), "setNoParent");
    assertFalse(exported("fresh").getParentSpanContext().isValid(), "setParent(Context.root())");
    assertEquals(checkout.getSpanId(), exported("linked").getParentSpanId());
    assertEquals(List.of(checkout.getSpanId()),
        exported("linked").getLinks().stream().map(link -> link.getSpanContext().getSpanId()).toList());
    assertEquals(otherTrace, exported("publish").getTraceId());
    assertEquals(otherSpan, exported("publish").getParentSpanId(), "Span.wrap(ids) made current");
  }

  /** Calls the application as its own thread would: its loader the context class loader. */
  private static Object call(String method, Object... arguments) throws Exception {
    return ApplicationLoader.call(shop, method, arguments);
  }

  private static SpanData exported(String name) {
    List<SpanData> named = EXPORTED.getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals(name)).collect(java.util.stream.Collectors.toList());
    assertEquals(1, named.size(), "spans named " + name + " in " + EXPORTED.getFinishedSpanItems());
    return named.get(0);
  }
}
