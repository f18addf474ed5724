package io.warren.agent.api;

import io.warren.bootstrap.WarrenLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/** Turns instrumentation modules into one class-file transformer. */
public final class ModuleInstaller {

  private ModuleInstaller() {}

  /** Installs the modules now, retransforming classes that are already loaded (late attach). */
  public static ClassFileTransformer install(
      Instrumentation instrumentation, Iterable<InstrumentationModule> modules) {
    AdviceTransformer transformer = build(modules);
    instrumentation.addTransformer(transformer, true);
    for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
      try {
        if (instrumentation.isModifiableClass(loaded) && transformer.wouldTransform(loaded)) {
          instrumentation.retransformClasses(loaded);
        }
      } catch (Throwable t) {
        WarrenLog.warn("could not instrument " + loaded.getName() + ": " + t);
      }
    }
    return transformer;
  }

  /** The modules as a transformer that the caller registers (and may call) itself. */
  public static ClassFileTransformer transformer(Iterable<InstrumentationModule> modules) {
    return build(modules);
  }

  private static AdviceTransformer build(Iterable<InstrumentationModule> modules) {
    List<ModuleAdvice> resolved = new ArrayList<ModuleAdvice>();
    for (InstrumentationModule module : modules) {
      resolved.add(new ModuleAdvice(module));
      WarrenLog.debug("instrumentation module '" + module.name() + "' installed");
    }
    return new AdviceTransformer(resolved);
  }
}
