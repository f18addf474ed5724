package io.warren.instrumentation.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.warren.agent.api.ModuleInstaller;
import io.warren.agent.otel.OtelTracingBackend;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.LogKeys;
import io.warren.instrumentation.logback.bootstrap.TraceMdc;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The module installed in this JVM the way premain installs it, the bridge on the real
 * OpenTelemetry SDK, and Logback as the SLF4J binding: runs on the newest Logback and again on
 * 1.2 (the surefire execution logback-1.2).
 */
class LogbackMdcTest {

  private static SdkTracerProvider tracerProvider;

  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private Logger logger;

  @BeforeAll
  static void installAgent() {
    ModuleInstaller.install(ByteBuddyAgent.install(), List.of(new LogbackInstrumentationModule()));
    tracerProvider = SdkTracerProvider.builder().build();
    Tracing.install(new OtelTracingBackend(OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build()));
  }

  @BeforeEach
  void setUp() {
    logger = (Logger) LoggerFactory.getLogger("warren.test." + System.nanoTime());
    logger.setAdditive(false);
    logger.setLevel(Level.DEBUG);
    events.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    events.start();
    logger.addAppender(events);
    MDC.clear();
  }

  @AfterEach
  void tearDown() {
    MDC.clear();
    logger.detachAndStopAllAppenders();
  }

  @Test
  void runsOnTheLogbackThisExecutionIsFor() {
    String expected = System.getProperty("expected.logback.version");
    String jar = LoggingEvent.class.getProtectionDomain().getCodeSource().getLocation().toString();
    assertTrue(jar.contains("logback-classic-" + expected + ".jar"), jar + " is not Logback " + expected);
  }

  @Test
  void anEventLoggedInASpanCarriesItsIdsBesideTheApplicationsEntries() {
    MDC.put("user", "alice");
    Span span = tracerProvider.get("test").spanBuilder("work").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      logger.info("in the span");
    } finally {
      span.end();
    }

    Map<String, String> mdc = only().getMDCPropertyMap();
    SpanContext context = span.getSpanContext();
    Map<String, String> expected = new HashMap<>();
    expected.put("user", "alice");
    expected.put("trace_id", context.getTraceId());
    expected.put("span_id", context.getSpanId());
    expected.put("trace_flags", "01");
    assertEquals(expected, mdc);
    assertEquals(Map.of("user", "alice"), MDC.getCopyOfContextMap(), "the thread's MDC is unchanged");

    PatternLayout layout = new PatternLayout();
    layout.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    layout.setPattern("%X{trace_id} %X{span_id} %X{trace_flags} %X{user} %msg");
    layout.start();
    assertEquals(
        context.getTraceId() + " " + context.getSpanId() + " 01 alice in the span", layout.doLayout(only()));
  }

  @Test
  void anEventLoggedWithoutASpanHasNoIds() {
    MDC.put("user", "bob");
    logger.info("no span");
    assertEquals(Map.of("user", "bob"), only().getMDCPropertyMap());

    events.list.clear();
    MDC.clear();
    logger.info("no span, no MDC");
    assertTrue(only().getMDCPropertyMap().isEmpty(), only().getMDCPropertyMap().toString());
  }

  @Test
  void theApplicationsOwnEntryUnderAKeyWins() {
    MDC.put("trace_id", "the application's");
    Span span = tracerProvider.get("test").spanBuilder("work").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      logger.info("own trace_id");
    } finally {
      span.end();
    }
    Map<String, String> mdc = only().getMDCPropertyMap();
    assertEquals("the application's", mdc.get("trace_id"));
    assertEquals(span.getSpanContext().getSpanId(), mdc.get("span_id"));
    assertEquals(Map.of("trace_id", "the application's"), MDC.getCopyOfContextMap());
  }

  @Test
  void anEventHandedToAnotherThreadKeepsTheIdsOfTheThreadThatLoggedIt() throws Exception {
    AsyncAppender async = new AsyncAppender();
    async.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    async.addAppender(events);
    async.start();
    logger.detachAppender(events);
    logger.addAppender(async);

    AtomicReference<SpanContext> logged = new AtomicReference<>();
    Thread a =
        new Thread(
            () -> {
              MDC.put("user", "on A");
              Span span = tracerProvider.get("test").spanBuilder("on A").startSpan();
              try (Scope ignored = span.makeCurrent()) {
                logger.info("from A");
                logged.set(span.getSpanContext());
              } finally {
                span.end();
              }
            });
    a.start();
    a.join();
    async.stop(); // drains the queue: the worker thread appended the event
    assertEquals(1, events.list.size());

    Span other = tracerProvider.get("test").spanBuilder("on the reader").startSpan();
    try (Scope ignored = other.makeCurrent()) {
      Map<String, String> mdc = only().getMDCPropertyMap();
      assertEquals(logged.get().getTraceId(), mdc.get("trace_id"));
      assertEquals(logged.get().getSpanId(), mdc.get("span_id"));
      assertEquals("on A", mdc.get("user"));
    } finally {
      other.end();
    }
    assertNull(MDC.get("trace_id"));
  }

  @Test
  void theKeysAreTheSettings() {
    LogKeys.configure("traceId", "spanId", "flags");
    Span span = tracerProvider.get("test").spanBuilder("work").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      logger.info("other keys");
    } finally {
      span.end();
      LogKeys.configure("trace_id", "span_id", "trace_flags");
    }
    Map<String, String> mdc = only().getMDCPropertyMap();
    assertEquals(span.getSpanContext().getTraceId(), mdc.get("traceId"));
    assertEquals(span.getSpanContext().getSpanId(), mdc.get("spanId"));
    assertEquals("01", mdc.get("flags"));
    assertFalse(mdc.containsKey("trace_id"));
  }

  private ILoggingEvent only() {
    assertEquals(1, events.list.size(), "events: " + events.list);
    return events.list.get(0);
  }
}
