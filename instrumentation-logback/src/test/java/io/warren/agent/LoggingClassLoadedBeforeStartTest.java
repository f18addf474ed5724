package io.warren.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.ModuleInstaller;
import io.warren.agent.otel.OtelTracingBackend;
import io.warren.bootstrap.Tracing;
import io.warren.instrumentation.logback.LogbackInstrumentationModule;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The Logback module as premain sets it up (a module whose classes need not wait for the start):
 * the application's first log call, made while the agent is still starting, loads {@code
 * LoggingEvent} at once and untransformed; once the agent has started, the class is
 * retransformed and an event logged in a span carries its ids. Runs in a JVM of its own (the
 * surefire configuration forks one per test class), so no other test's transformer is there.
 */
class LoggingClassLoadedBeforeStartTest {

  private static final String LOGGING_EVENT = "ch.qos.logback.classic.spi.LoggingEvent";

  @Test
  void aLoggingClassLoadedBeforeTheStartGetsItsAdviceAfterIt() throws Exception {
    Instrumentation instrumentation = ByteBuddyAgent.install();
    assertFalse(loaded(instrumentation, LOGGING_EVENT), "LoggingEvent loaded before the test");

    LogbackInstrumentationModule module = new LogbackInstrumentationModule();
    assertFalse(module.needsClassesFromStart());
    DeferredTransformer deferred = new DeferredTransformer(List.of(), module.referencedTypes());
    instrumentation.addTransformer(deferred, true);
    try {
      SdkTracerProvider tracerProvider = SdkTracerProvider.builder().build();
      Tracing.install(new OtelTracingBackend(OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build()));

      // The agent is still starting (ready() not yet called): the first log call does not wait
      // (it would for 30 s), and its class loads untransformed.
      ListAppender<ILoggingEvent> events = new ListAppender<>();
      Logger logger = logger(events);
      Span span = tracerProvider.get("test").spanBuilder("before the start").startSpan();
      try (Scope ignored = span.makeCurrent()) {
        logger.info("before the start");
      } finally {
        span.end();
      }
      assertTrue(loaded(instrumentation, LOGGING_EVENT));
      assertNull(events.list.get(0).getMDCPropertyMap().get("trace_id"), "not instrumented yet");

      List<InstrumentationModule> modules = Arrays.<InstrumentationModule>asList(module);
      ClassFileTransformer transformer = ModuleInstaller.transformer(modules);
      deferred.ready(transformer);
      AgentInstaller.retransformPassedBeforeStart(instrumentation, deferred, transformer);
      assertEquals(Set.of(), deferred.takePassedBeforeStart(), "every name was handed out");

      Span after = tracerProvider.get("test").spanBuilder("after the start").startSpan();
      try (Scope ignored = after.makeCurrent()) {
        logger.info("after the start");
      } finally {
        after.end();
      }
      Map<String, String> mdc = events.list.get(1).getMDCPropertyMap();
      assertEquals(after.getSpanContext().getTraceId(), mdc.get("trace_id"), mdc.toString());
      assertEquals(after.getSpanContext().getSpanId(), mdc.get("span_id"), mdc.toString());
    } finally {
      instrumentation.removeTransformer(deferred);
    }
  }

  private static Logger logger(ListAppender<ILoggingEvent> events) {
    Logger logger = (Logger) LoggerFactory.getLogger("warren.test.start");
    logger.setAdditive(false);
    logger.setLevel(Level.INFO);
    events.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    events.start();
    logger.addAppender(events);
    return logger;
  }

  private static boolean loaded(Instrumentation instrumentation, String name) {
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (type.getName().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
