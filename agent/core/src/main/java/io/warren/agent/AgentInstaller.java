package io.warren.agent;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.ModuleInstaller;
import io.warren.agent.otel.OtelMessagingTracer;
import io.warren.agent.otel.OtelSetup;
import io.warren.bootstrap.Messaging;
import io.warren.bootstrap.WarrenLog;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/** Starts tracing: configuration, the OpenTelemetry SDK, then the instrumentation modules. */
final class AgentInstaller {

  private AgentInstaller() {}

  static void install(Instrumentation instrumentation) {
    long started = System.nanoTime();
    List<InstrumentationModule> available = new ArrayList<InstrumentationModule>();
    for (InstrumentationModule module :
        ServiceLoader.load(InstrumentationModule.class, AgentInstaller.class.getClassLoader())) {
      available.add(module);
    }
    Set<String> names = new LinkedHashSet<String>();
    for (InstrumentationModule module : available) {
      names.add(module.name());
    }

    WarrenConfig config = WarrenConfig.load(names);
    WarrenLog.setDebug(config.debug());
    if (!config.enabled()) {
      WarrenLog.info("disabled by " + WarrenConfig.ENABLED + "=false");
      return;
    }

    OpenTelemetrySdk sdk = OtelSetup.start();
    Messaging.install(new OtelMessagingTracer(sdk));
    WarrenLog.debug("OpenTelemetry ready after " + millisSince(started) + " ms");

    List<InstrumentationModule> enabled = new ArrayList<InstrumentationModule>();
    for (InstrumentationModule module : available) {
      if (config.instrumentationEnabled(module.name())) {
        enabled.add(module);
      } else {
        WarrenLog.info("instrumentation '" + module.name() + "' is disabled");
      }
    }
    ModuleInstaller.install(instrumentation, enabled);
    WarrenLog.debug("started in " + millisSince(started) + " ms, modules " + names);
  }

  private static long millisSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1_000_000;
  }
}
