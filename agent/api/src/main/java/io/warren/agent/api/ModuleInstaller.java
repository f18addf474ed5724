package io.warren.agent.api;

import io.warren.bootstrap.WarrenLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns instrumentation modules into one class-file transformer. */
public final class ModuleInstaller {

  private ModuleInstaller() {}

  /** Registers the modules' transformer and instruments the classes already loaded. */
  public static ClassFileTransformer install(
      Instrumentation instrumentation, Iterable<InstrumentationModule> modules) {
    ClassFileTransformer transformer = build(modules);
    instrumentation.addTransformer(transformer, true);
    retransformLoaded(instrumentation, transformer);
    return transformer;
  }

  /**
   * Retransforms the classes already loaded that the modules' transformer would change (late
   * attach); the caller has registered the transformer, or a filter in front of it.
   */
  public static void retransformLoaded(
      Instrumentation instrumentation, ClassFileTransformer modules) {
    AdviceTransformer transformer = (AdviceTransformer) modules;
    for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
      try {
        if (instrumentation.isModifiableClass(loaded) && transformer.wouldTransform(loaded)) {
          instrumentation.retransformClasses(loaded);
        }
      } catch (Throwable t) {
        WarrenLog.warn("could not instrument " + loaded.getName() + ": " + t);
      }
    }
  }

  /** The modules as a transformer that the caller registers (and may call) itself. */
  public static ClassFileTransformer transformer(Iterable<InstrumentationModule> modules) {
    return build(modules);
  }

  private static AdviceTransformer build(Iterable<InstrumentationModule> modules) {
    List<ModuleAdvice> resolved = new ArrayList<ModuleAdvice>();
    for (InstrumentationModule module : modules) {
      resolved.add(new ModuleAdvice(module, supersededIn(module.name(), modules)));
      WarrenLog.debug("instrumentation module '" + module.name() + "' installed");
    }
    return new AdviceTransformer(resolved);
  }

  /** The classes that other enabled modules take over from {@code name}. */
  private static Set<String> supersededIn(String name, Iterable<InstrumentationModule> modules) {
    Set<String> classes = new HashSet<String>();
    for (InstrumentationModule other : modules) {
      Set<String> taken = other.supersedes().get(name);
      if (taken != null) {
        classes.addAll(taken);
        WarrenLog.debug("'" + other.name() + "' takes " + taken + " over from '" + name + "'");
      }
    }
    return classes;
  }
}
