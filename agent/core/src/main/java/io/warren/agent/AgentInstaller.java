package io.warren.agent;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.ModuleInstaller;
import io.warren.agent.otel.OtelMessagingTracer;
import io.warren.agent.otel.OtelSetup;
import io.warren.bootstrap.Messaging;
import io.warren.bootstrap.WarrenLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/** Starts tracing: configuration, the OpenTelemetry SDK, then the instrumentation modules. */
final class AgentInstaller {

  private AgentInstaller() {}

  /**
   * At JVM start: registers a stand-in transformer and does the real work on a background
   * thread, so the application's own start-up runs alongside the agent's.
   */
  static void installInBackground(Instrumentation instrumentation) {
    final List<InstrumentationModule> modules = availableModules();
    List<String> referencedTypes = new ArrayList<String>();
    for (InstrumentationModule module : modules) {
      referencedTypes.addAll(module.referencedTypes());
    }
    final DeferredTransformer deferred = new DeferredTransformer(referencedTypes);
    instrumentation.addTransformer(deferred, true);
    Thread starter =
        new Thread(
            () -> {
              ClassFileTransformer transformer = null;
              try {
                List<InstrumentationModule> enabled = startTracing(modules);
                if (!enabled.isEmpty()) {
                  transformer = ModuleInstaller.transformer(enabled);
                }
              } catch (Throwable t) {
                WarrenLog.warn("the agent failed to start; the application runs untraced: " + t);
              } finally {
                deferred.ready(transformer);
              }
            },
            "warren-start");
    starter.setDaemon(true);
    deferred.startingOn(starter);
    starter.start();
  }

  /** On a late attach: classes are already loaded, so install now and retransform them. */
  static void installNow(Instrumentation instrumentation) {
    List<InstrumentationModule> enabled = startTracing(availableModules());
    if (!enabled.isEmpty()) {
      ModuleInstaller.install(instrumentation, enabled);
    }
  }

  /** Reads the configuration and starts the SDK; returns the modules to install. */
  private static List<InstrumentationModule> startTracing(List<InstrumentationModule> available) {
    long started = System.nanoTime();
    Set<String> names = new LinkedHashSet<String>();
    for (InstrumentationModule module : available) {
      names.add(module.name());
    }
    WarrenConfig config = WarrenConfig.load(names);
    WarrenLog.setDebug(config.debug());
    List<InstrumentationModule> enabled = new ArrayList<InstrumentationModule>();
    if (!config.enabled()) {
      WarrenLog.info("disabled by " + WarrenConfig.ENABLED + "=false");
      return enabled;
    }
    OpenTelemetrySdk sdk = OtelSetup.start();
    Messaging.install(new OtelMessagingTracer(sdk));
    for (InstrumentationModule module : available) {
      if (config.instrumentationEnabled(module.name())) {
        enabled.add(module);
      } else {
        WarrenLog.info("instrumentation '" + module.name() + "' is disabled");
      }
    }
    WarrenLog.debug("tracing started in " + (System.nanoTime() - started) / 1_000_000 + " ms, modules " + names);
    return enabled;
  }

  private static List<InstrumentationModule> availableModules() {
    List<InstrumentationModule> modules = new ArrayList<InstrumentationModule>();
    for (InstrumentationModule module :
        ServiceLoader.load(InstrumentationModule.class, AgentInstaller.class.getClassLoader())) {
      modules.add(module);
    }
    return modules;
  }
}
