package io.warren.instrumentation.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.warren.agent.api.ModuleInstaller;
import io.warren.agent.otel.OtelTracingBackend;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.LogKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.impl.ContextDataInjectorFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The module installed in this JVM the way premain installs it, the bridge on the real
 * OpenTelemetry SDK, and Log4j2 configured in code with an appender that keeps each event (as
 * an asynchronous appender would, to format it on another thread). Runs on the newest Log4j2 and
 * again on 2.7 (the surefire execution log4j2-2.7).
 */
class Log4j2ContextDataTest {

  private static SdkTracerProvider tracerProvider;
  private static final Recording RECORDING = new Recording();
  private static Logger logger;

  /** Keeps a copy of each event, as appenders that hand events to another thread do. */
  static final class Recording extends AbstractAppender {
    final List<LogEvent> events = new CopyOnWriteArrayList<>();

    Recording() {
      super("recording", null, null);
    }

    @Override
    public void append(LogEvent event) {
      events.add(Log4jLogEvent.createMemento(event, false));
    }
  }

  @BeforeAll
  static void installAgentAndConfigure() {
    ModuleInstaller.install(ByteBuddyAgent.install(), List.of(new Log4j2InstrumentationModule()));
    tracerProvider = SdkTracerProvider.builder().build();
    Tracing.install(new OtelTracingBackend(OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build()));

    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    RECORDING.start();
    config.addAppender(RECORDING);
    LoggerConfig root = config.getRootLogger();
    for (String name : new ArrayList<>(root.getAppenders().keySet())) {
      root.removeAppender(name);
    }
    root.addAppender(RECORDING, null, null);
    root.setLevel(Level.ALL);
    context.updateLoggers();
    logger = LogManager.getLogger("warren.test");
  }

  @BeforeEach
  @AfterEach
  void clear() {
    ThreadContext.clearAll();
    RECORDING.events.clear();
  }

  @Test
  void runsOnTheLog4j2ThisExecutionIsFor() {
    String expected = System.getProperty("expected.log4j2.version");
    String jar = LogEvent.class.getProtectionDomain().getCodeSource().getLocation().toString();
    assertTrue(jar.contains("log4j-core-" + expected + ".jar"), jar + " is not Log4j2 " + expected);
  }

  @Test
  void runsWithTheInjectorThisExecutionIsFor() {
    String injector = ContextDataInjectorFactory.createInjector().getClass().getName();
    assertTrue(injector.endsWith("$" + System.getProperty("expected.log4j2.injector")), injector);
  }

  @Test
  void anEventLoggedInASpanCarriesItsIdsBesideTheApplicationsEntries() {
    ThreadContext.put("user", "alice");
    Span span = tracerProvider.get("test").spanBuilder("work").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      logger.info("in the span");
    } finally {
      span.end();
    }

    SpanContext context = span.getSpanContext();
    Map<String, String> expected = new HashMap<>();
    expected.put("user", "alice");
    expected.put("trace_id", context.getTraceId());
    expected.put("span_id", context.getSpanId());
    expected.put("trace_flags", "01");
    assertEquals(expected, only().getContextData().toMap());
    assertEquals(Map.of("user", "alice"), ThreadContext.getImmutableContext(), "the thread's context is unchanged");

    PatternLayout layout =
        PatternLayout.newBuilder().withPattern("%X{trace_id} %X{span_id} %X{trace_flags} %X{user} %m").build();
    assertEquals(
        context.getTraceId() + " " + context.getSpanId() + " 01 alice in the span", layout.toSerializable(only()));
  }

  @Test
  void anEventLoggedWithoutASpanHasNoIds() {
    ThreadContext.put("user", "bob");
    logger.info("no span");
    assertEquals(Map.of("user", "bob"), only().getContextData().toMap());

    RECORDING.events.clear();
    ThreadContext.clearAll();
    logger.info("no span, no context");
    assertTrue(only().getContextData().isEmpty(), only().getContextData().toString());
  }

  @Test
  void anEventLoggedInASpanWithAnEmptyThreadContextHasTheIds() {
    Span span = tracerProvider.get("test").spanBuilder("work").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      logger.info("in the span");
    } finally {
      span.end();
    }
    assertEquals(span.getSpanContext().getTraceId(), only().getContextData().getValue("trace_id"));
    assertEquals(3, only().getContextData().size());
    assertTrue(ThreadContext.isEmpty());
  }

  @Test
  void theApplicationsOwnEntryUnderAKeyWins() {
    ThreadContext.put("trace_id", "the application's");
    Span span = tracerProvider.get("test").spanBuilder("work").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      logger.info("own trace_id");
    } finally {
      span.end();
    }
    assertEquals("the application's", only().getContextData().getValue("trace_id"));
    assertEquals(span.getSpanContext().getSpanId(), only().getContextData().getValue("span_id"));
    assertEquals(Map.of("trace_id", "the application's"), ThreadContext.getImmutableContext());
  }

  @Test
  void anEventHandedToAnotherThreadKeepsTheIdsOfTheThreadThatLoggedIt() throws Exception {
    AtomicReference<SpanContext> logged = new AtomicReference<>();
    Thread a =
        new Thread(
            () -> {
              ThreadContext.put("user", "on A");
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

    Span other = tracerProvider.get("test").spanBuilder("on the reader").startSpan();
    try (Scope ignored = other.makeCurrent()) {
      PatternLayout layout = PatternLayout.newBuilder().withPattern("%X{trace_id} %X{span_id} %X{user}").build();
      assertEquals(
          logged.get().getTraceId() + " " + logged.get().getSpanId() + " on A", layout.toSerializable(only()));
    } finally {
      other.end();
    }
    assertNull(ThreadContext.get("trace_id"));
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
    Map<String, String> data = only().getContextData().toMap();
    assertEquals(span.getSpanContext().getTraceId(), data.get("traceId"));
    assertEquals(span.getSpanContext().getSpanId(), data.get("spanId"));
    assertEquals("01", data.get("flags"));
    assertFalse(data.containsKey("trace_id"));
  }

  private static LogEvent only() {
    assertEquals(1, RECORDING.events.size(), "events: " + RECORDING.events);
    return RECORDING.events.get(0);
  }
}
