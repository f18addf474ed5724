package io.warren.agent.api;

import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.WarrenLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns instrumentation modules into one class-file transformer. */
public final class ModuleInstaller {

  private ModuleInstaller() {}

  /** Registers the modules' transformer and instruments the classes already loaded. */
  public static ClassFileTransformer install(
      Instrumentation instrumentation, Iterable<InstrumentationModule> modules) {
    ClassFileTransformer transformer = build(withBootAccess(instrumentation, modules));
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
    retransform(instrumentation, (AdviceTransformer) modules, null);
  }

  /**
   * Retransforms, of the classes already loaded, only those with one of these binary names that
   * the modules' transformer would change: for classes that were let through untransformed
   * while the agent started. Cheap: one set look-up per loaded class, and only the named ones
   * are described to Byte Buddy. The caller has registered the transformer, or a filter in
   * front of it.
   *
   * @return the names of which no class was loaded (for example, one still being defined)
   */
  public static Set<String> retransformLoaded(
      Instrumentation instrumentation, ClassFileTransformer modules, Set<String> classNames) {
    Set<String> notFound = new HashSet<String>(classNames);
    if (!classNames.isEmpty()) {
      retransform(instrumentation, (AdviceTransformer) modules, notFound);
    }
    return notFound;
  }

  /** {@code names} null: every loaded class; else only those named, whose names it removes. */
  private static void retransform(
      Instrumentation instrumentation, AdviceTransformer transformer, Set<String> names) {
    Set<String> named = names == null ? null : new HashSet<String>(names);
    for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
      if (named != null) {
        if (!named.contains(loaded.getName())) {
          continue;
        }
        names.remove(loaded.getName());
      }
      try {
        if (instrumentation.isModifiableClass(loaded) && transformer.wouldTransform(loaded)) {
          instrumentation.retransformClasses(loaded);
        }
      } catch (Throwable t) {
        WarrenLog.warn("could not instrument " + loaded.getName() + ": " + t);
      }
    }
  }

  /**
   * The modules that can be installed. A module that instruments JDK classes ({@link
   * InstrumentationModule#bootClasses()}) needs the JDK modules of those classes ({@code
   * java.base}, {@code java.net.http}, ...) to read the boot loader's unnamed module, which holds
   * the bridge and the modules' bootstrap packages: advice inlined into a JDK class calls them,
   * and a named module reads no module it was not told to. This makes it so; should the JVM
   * refuse, such modules are left out (one warning), since their advice would fail inside the
   * JDK. Likewise a module with helper classes needs to define them in the application's loaders
   * ({@link HelperClasses#allowDefining}). Call before their classes are transformed.
   */
  public static List<InstrumentationModule> withBootAccess(
      Instrumentation instrumentation, Iterable<InstrumentationModule> modules) {
    List<InstrumentationModule> usable = new ArrayList<InstrumentationModule>();
    List<String> leftOut = new ArrayList<String>();
    for (InstrumentationModule module : modules) {
      if (!module.helperClassNames().isEmpty() && !HelperClasses.allowDefining(instrumentation)) {
        continue; // said once by allowDefining
      }
      if (!module.bootClasses().isEmpty() && !letJdkReadTheBridge(instrumentation, module.bootClasses())) {
        leftOut.add(module.name());
        continue;
      }
      usable.add(module);
    }
    if (!leftOut.isEmpty()) {
      WarrenLog.warn("the JDK's classes cannot reach Warren's bridge; instrumentation " + leftOut
          + " is off");
    }
    return usable;
  }

  /** Makes the JDK modules that hold these classes read the bridge; false if one cannot. */
  private static boolean letJdkReadTheBridge(Instrumentation instrumentation, Set<String> classNames) {
    Module bridge = Tracing.class.getModule();
    for (Module jdk : JdkLoaders.modulesOf(classNames)) {
      try {
        if (!jdk.canRead(bridge)) {
          instrumentation.redefineModule(
              jdk,
              Collections.singleton(bridge),
              Collections.<String, Set<Module>>emptyMap(),
              Collections.<String, Set<Module>>emptyMap(),
              Collections.<Class<?>>emptySet(),
              Collections.<Class<?>, List<Class<?>>>emptyMap());
        }
        if (!jdk.canRead(bridge)) {
          return false;
        }
      } catch (Throwable t) {
        WarrenLog.warn(jdk.getName() + " cannot be made to read Warren's bridge: " + t);
        return false;
      }
    }
    return true;
  }

  /** The modules as a transformer that the caller registers (and may call) itself. */
  public static ClassFileTransformer transformer(Iterable<InstrumentationModule> modules) {
    return build(modules);
  }

  /**
   * Resolves the advice of the first {@code limit} modules whose library is on the agent's own
   * class path (plain {@code java -cp}), before any of their classes loads; the others' is
   * resolved when a class of theirs first does.
   */
  public static void resolveAhead(ClassFileTransformer modules, int limit) {
    ((AdviceTransformer) modules).resolveAhead(limit);
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
