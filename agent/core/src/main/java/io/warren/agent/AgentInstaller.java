package io.warren.agent;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.ModuleInstaller;
import io.warren.agent.config.WarrenConfig;
import io.warren.agent.otel.OtelSetup;
import io.warren.agent.otel.OtelTracingBackend;
import io.warren.agent.otel.SpanPathWarmUp;
import io.warren.bootstrap.Metrics;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.WarrenLog;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/** Starts tracing: configuration, the OpenTelemetry SDK, then the instrumentation modules. */
final class AgentInstaller {

  private AgentInstaller() {}

  /**
   * At JVM start: registers a stand-in transformer and does the real work on a background
   * thread, so the application's own start-up runs alongside the agent's.
   */
  static void installInBackground(Instrumentation instrumentation, BootClassGroups bootGroups) {
    final List<InstrumentationModule> modules = availableModules(bootGroups);
    final Set<String> bootClasses = bootClasses(modules);
    final DeferredTransformer deferred =
        new DeferredTransformer(
            referencedTypes(modules, true), referencedTypes(modules, false), bootClasses);
    instrumentation.addTransformer(deferred, true);
    Thread starter =
        new Thread(
            () -> {
              ClassFileTransformer transformer = null;
              try {
                List<InstrumentationModule> enabled =
                    ModuleInstaller.withBootAccess(instrumentation, enabledModules(modules));
                if (!enabled.isEmpty()) {
                  // The SDK and Byte Buddy each take a few hundred milliseconds to start
                  // cold: start them side by side. Classes wait only for the advice; the
                  // first span waits for the SDK, if it comes that early.
                  startSdkInBackground(enabled);
                  long started = System.nanoTime();
                  transformer = ModuleInstaller.transformer(enabled);
                  WarrenLog.debug("instrumentation modules ready in " + millisSince(started) + " ms");
                }
              } catch (Throwable t) {
                WarrenLog.warn("the agent failed to start; the application runs untraced: " + t);
                transformer = null;
              } finally {
                deferred.ready(transformer == null ? null : bootGroups.definingFor(transformer));
              }
              if (transformer != null) {
                // Ready first: a class loaded from now on is transformed as it loads.
                Set<String> passed =
                    retransformPassedBeforeStart(instrumentation, deferred, transformer);
                Set<String> loadedBeforePremain = new HashSet<String>(bootClasses);
                loadedBeforePremain.removeAll(passed);
                retransformBootClasses(instrumentation, transformer, loadedBeforePremain);
                // Byte Buddy's own cold start, paid here rather than by the application's
                // first instrumented class, if it comes later; other modules' advice waits for
                // a class of theirs, so a library the application never uses costs nothing.
                ModuleInstaller.resolveAhead(transformer, 1);
              }
            },
            "warren-start");
    starter.setDaemon(true);
    deferred.startingOn(starter);
    starter.start();
  }

  /**
   * On a late attach: classes are already loaded, so install now and retransform them. Classes
   * loaded from now on pass the same class-file filter as at JVM start.
   */
  static void installNow(Instrumentation instrumentation, BootClassGroups bootGroups) {
    List<InstrumentationModule> enabled =
        ModuleInstaller.withBootAccess(instrumentation, enabledModules(availableModules(bootGroups)));
    if (!enabled.isEmpty()) {
      startSdk(enabled);
      ClassFileTransformer modules = ModuleInstaller.transformer(enabled);
      DeferredTransformer filtered =
          new DeferredTransformer(referencedTypes(enabled), bootClasses(enabled));
      filtered.ready(bootGroups.definingFor(modules));
      instrumentation.addTransformer(filtered, true);
      ModuleInstaller.retransformLoaded(instrumentation, modules);
    }
  }

  /**
   * Instruments the classes of the modules that do not wait for the start which loaded while
   * the agent started: only those, found by name among the loaded classes. One that was still
   * being defined when the start ended may not be listed yet: it is looked for again shortly.
   *
   * @return the names of those classes
   */
  static Set<String> retransformPassedBeforeStart(
      Instrumentation instrumentation, DeferredTransformer deferred, ClassFileTransformer transformer) {
    Set<String> passed = deferred.takePassedBeforeStart();
    try {
      Set<String> pending = passed;
      for (int attempt = 0; !pending.isEmpty() && attempt < 5; attempt++) {
        if (attempt > 0) {
          Thread.sleep(10);
        }
        long started = System.nanoTime();
        int count = pending.size();
        pending = ModuleInstaller.retransformLoaded(instrumentation, transformer, pending);
        WarrenLog.debug("looked again at " + (count - pending.size())
            + " class(es) loaded during the start, in " + millisSince(started) + " ms");
      }
    } catch (Throwable t) {
      WarrenLog.warn("classes loaded while the agent started could not be instrumented: " + t);
    }
    return passed;
  }

  /**
   * Instruments the JDK classes modules name that were loaded before premain (most are): those
   * loaded during the start were among the classes passed before it. Those not loaded yet are
   * transformed when they load.
   */
  private static void retransformBootClasses(
      Instrumentation instrumentation, ClassFileTransformer transformer, Set<String> bootClasses) {
    try {
      long started = System.nanoTime();
      Set<String> notLoaded = ModuleInstaller.retransformLoaded(instrumentation, transformer, bootClasses);
      WarrenLog.debug("looked at " + (bootClasses.size() - notLoaded.size())
          + " JDK class(es) loaded before the agent, in " + millisSince(started) + " ms");
    } catch (Throwable t) {
      WarrenLog.warn("JDK classes could not be instrumented: " + t);
    }
  }

  private static Set<String> bootClasses(List<InstrumentationModule> modules) {
    Set<String> classes = new HashSet<String>();
    for (InstrumentationModule module : modules) {
      classes.addAll(module.bootClasses());
    }
    return classes;
  }

  /** The type names whose mention in a class file makes it worth handing to Byte Buddy. */
  private static List<String> referencedTypes(List<InstrumentationModule> modules) {
    List<String> referencedTypes = new ArrayList<String>();
    for (InstrumentationModule module : modules) {
      referencedTypes.addAll(module.referencedTypes());
    }
    return referencedTypes;
  }

  /** Those of the modules whose classes wait for the start, or of those whose classes do not. */
  private static List<String> referencedTypes(List<InstrumentationModule> modules, boolean waiting) {
    List<String> referencedTypes = new ArrayList<String>();
    for (InstrumentationModule module : modules) {
      if (module.needsClassesFromStart() == waiting) {
        referencedTypes.addAll(module.referencedTypes());
      }
    }
    return referencedTypes;
  }

  /** Reads Warren's configuration; returns the modules whose switch is on. */
  private static List<InstrumentationModule> enabledModules(List<InstrumentationModule> available) {
    WarrenConfig config = WarrenConfig.load(available);
    WarrenLog.setDebug(config.debug());
    List<InstrumentationModule> enabled = new ArrayList<InstrumentationModule>();
    for (InstrumentationModule module : available) {
      if (config.instrumentationEnabled(module.name())) {
        enabled.add(module);
      } else {
        WarrenLog.info("instrumentation '" + module.name() + "' is disabled");
      }
    }
    return enabled;
  }

  /** Starts the OpenTelemetry SDK and hands it to the bridge the advice calls. */
  private static OpenTelemetrySdk startSdk(List<InstrumentationModule> enabled) {
    long started = System.nanoTime();
    Map<String, String> resource = new HashMap<String, String>();
    for (InstrumentationModule module : enabled) {
      try {
        for (Map.Entry<String, String> attribute : module.resourceDefaults().entrySet()) {
          resource.putIfAbsent(attribute.getKey(), attribute.getValue());
        }
      } catch (Throwable t) {
        WarrenLog.warn("the " + module.name() + " instrumentation could not describe the application: " + t);
      }
    }
    OtelSetup.Started otel = OtelSetup.startWithMetrics(resource);
    OpenTelemetrySdk sdk = otel.sdk;
    // Metrics first: installing tracing releases whatever waits for the start, metrics checks too.
    Metrics.serviceName(otel.serviceName); // the origin a first publish names (before install: read once)
    Metrics.install(otel.metrics);
    Tracing.install(new OtelTracingBackend(sdk));
    WarrenLog.debug("OpenTelemetry started in " + millisSince(started) + " ms");
    return sdk;
  }

  /**
   * Starts the SDK on a thread of its own; spans that start meanwhile wait for it. Should it
   * fail, they go on untraced.
   */
  private static void startSdkInBackground(List<InstrumentationModule> enabled) {
    Tracing.installing();
    Thread sdkStarter =
        new Thread(
            () -> {
              OpenTelemetrySdk sdk;
              try {
                sdk = startSdk(enabled);
              } catch (Throwable t) {
                Tracing.install(null);
                WarrenLog.warn("tracing failed to start; the application runs untraced: " + t);
                return;
              }
              // While Byte Buddy may still work: loads the span path before the first message.
              SpanPathWarmUp.run(sdk);
            },
            "warren-start-sdk");
    sdkStarter.setDaemon(true);
    sdkStarter.start();
  }

  private static long millisSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1_000_000;
  }

  /** Every module in the agent; making one reads (and checks) its settings. */
  static List<InstrumentationModule> availableModules() {
    return availableModules(BootClassGroups.none());
  }

  /**
   * Every module in the agent, each made once the bootstrap packages its class names are
   * defined: a module may set its bootstrap classes up from its constructor.
   */
  static List<InstrumentationModule> availableModules(BootClassGroups bootGroups) {
    List<InstrumentationModule> modules = new ArrayList<InstrumentationModule>();
    ServiceLoader<InstrumentationModule> found =
        ServiceLoader.load(InstrumentationModule.class, AgentInstaller.class.getClassLoader());
    for (ServiceLoader.Provider<InstrumentationModule> module :
        (Iterable<ServiceLoader.Provider<InstrumentationModule>>) found.stream()::iterator) {
      try {
        bootGroups.defineNamedIn(classFileOf(module.type()));
      } catch (Exception e) {
        throw new IllegalStateException("the " + module.type().getName()
            + " bootstrap classes could not be defined", e);
      }
      modules.add(module.get());
    }
    return modules;
  }

  private static byte[] classFileOf(Class<?> type) throws IOException {
    String resource = type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? new byte[0] : in.readAllBytes();
    }
  }
}
