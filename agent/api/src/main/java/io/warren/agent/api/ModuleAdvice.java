package io.warren.agent.api;

import io.warren.bootstrap.AdviceErrors;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.WarrenLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * One module: the class loaders it applies to and, per type matcher, the advice to inline.
 *
 * <p>Advice names the library's types (a {@code Channel}, an {@code Envelope}), so it is resolved
 * against the class loader of the class it goes into: in a Spring Boot jar or an application
 * server only that loader sees the library, not the agent's. It is resolved once per loader and
 * kept while the loader lives. A loader that cannot see the boot loader's bridge (some OSGi
 * containers hide it) is left alone: advice there would fail at run time.
 */
final class ModuleAdvice {

  private final String name;
  private final List<TypeInstrumentation> types;
  private final Set<String> leftAlone;
  /** The JDK classes of a module of the boot loader; empty for a library module. */
  private final Set<String> bootClasses;
  private final List<ElementMatcher<TypeDescription>> typeMatchers =
      new ArrayList<ElementMatcher<TypeDescription>>();
  private final ClassLoader moduleLoader;
  private final ClassLoaderHasClass loaders;
  private final HelperClasses helpers;
  private final Advice.ExceptionHandler errors = reportToAdviceErrors();
  private final Map<ClassLoader, List<AsmVisitorWrapper>> adviceByLoader =
      new WeakHashMap<ClassLoader, List<AsmVisitorWrapper>>();

  /**
   * @param leftAlone classes this module must not transform: another enabled module supersedes
   *     it there
   */
  ModuleAdvice(InstrumentationModule module, Set<String> leftAlone) {
    this.name = module.name();
    this.leftAlone = leftAlone;
    this.types = module.typeInstrumentations();
    for (TypeInstrumentation type : types) {
      typeMatchers.add(type.typeMatcher());
    }
    this.bootClasses = module.bootClasses();
    this.moduleLoader = module.getClass().getClassLoader();
    this.loaders = new ClassLoaderHasClass(module.requiredClass());
    this.helpers = new HelperClasses(name, module.helperClassNames(), moduleLoader);
  }

  /**
   * Whether the library sits beside the agent (plain {@code java -cp}), so that the agent's own
   * loader is the one most likely to need this module's advice. A JDK module's never is: its
   * advice is resolved when the agent retransforms the JDK classes.
   */
  boolean libraryBesideAgent() {
    return bootClasses.isEmpty() && loaders.matches(moduleLoader);
  }

  /** Resolves the advice for the agent's own loader now, before a class of it needs it. */
  void resolveBesideAgent() {
    adviceFor(moduleLoader);
  }

  /** A module of JDK classes applies to the JDK's loaders alone; a library module never to them. */
  boolean appliesTo(ClassLoader loader) {
    return bootClasses.isEmpty() ? loaders.matches(loader) : JdkLoaders.contains(loader);
  }

  /** Whether this module instruments the JDK class of that binary name. */
  boolean instrumentsBootClass(String className) {
    return bootClasses.contains(className);
  }

  boolean transforms(TypeDescription type) {
    if (!mayTransform(type)) {
      return false;
    }
    for (ElementMatcher<TypeDescription> matcher : typeMatchers) {
      if (matcher.matches(type)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The advice for a type of a loader this module applies to; empty when none matches, or when
   * the advice cannot be resolved against that loader.
   */
  List<AsmVisitorWrapper> adviceFor(ClassLoader loader, TypeDescription type) {
    List<AsmVisitorWrapper> matched = Collections.emptyList();
    if (!mayTransform(type)) {
      return matched;
    }
    for (int i = 0; i < typeMatchers.size(); i++) {
      if (typeMatchers.get(i).matches(type)) {
        List<AsmVisitorWrapper> resolved = adviceFor(loader);
        if (resolved.isEmpty() || !helpers.defineIn(loader)) {
          return Collections.emptyList();
        }
        if (matched.isEmpty()) {
          matched = new ArrayList<AsmVisitorWrapper>(2);
        }
        matched.add(resolved.get(i));
      }
    }
    return matched;
  }

  /** Not superseded here and, for a module of the boot loader, one of its JDK classes. */
  private boolean mayTransform(TypeDescription type) {
    String className = type.getName();
    return !leftAlone.contains(className)
        && (bootClasses.isEmpty() || bootClasses.contains(className));
  }

  /**
   * Per type instrumentation, in order: its advice, resolved for this loader; empty when that
   * failed, which is said once per loader rather than for each of its classes.
   */
  private synchronized List<AsmVisitorWrapper> adviceFor(ClassLoader loader) {
    List<AsmVisitorWrapper> resolved = adviceByLoader.get(loader);
    if (resolved == null) {
      long started = System.nanoTime();
      try {
        resolved = seesBridge(loader) ? resolve(loader) : Collections.<AsmVisitorWrapper>emptyList();
        if (!resolved.isEmpty()) {
          WarrenLog.debug("the " + name + " advice for " + describe(loader) + " resolved in "
              + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
      } catch (RuntimeException e) {
        WarrenLog.warn("the " + name + " instrumentation cannot be applied to the classes of "
            + describe(loader) + "; they run untraced: " + e);
        resolved = Collections.emptyList();
      }
      adviceByLoader.put(loader, resolved);
    }
    return resolved;
  }

  private boolean seesBridge(ClassLoader loader) {
    Class<?> seen;
    try {
      seen = Class.forName(Tracing.class.getName(), false, loader);
    } catch (Throwable t) {
      seen = null;
    }
    if (seen != Tracing.class) {
      WarrenLog.warn("the classes of " + describe(loader) + " cannot see Warren's bridge in the boot loader"
          + " (an OSGi-style class loader?); the " + name + " instrumentation leaves them untraced");
      return false;
    }
    return true;
  }

  private List<AsmVisitorWrapper> resolve(ClassLoader loader) {
    // The library's types from the instrumented loader; the advice classes, which it may not
    // see, from the module's, named as the application names what the agent jar relocated. Class files are read, never loaded. Weak references keep the
    // cached advice from holding on to the loader it is cached for.
    // (The instrumented loader may see the advice too: the agent jar is on the system class path.)
    ClassFileLocator classFiles =
        Relocation.undoneIn(new ClassFileLocator.Compound(
            ClassFileLocator.ForClassLoader.WeaklyReferenced.of(loader),
            ClassFileLocator.ForClassLoader.WeaklyReferenced.of(moduleLoader)));
    TypePool pool = TypePool.Default.of(classFiles);
    List<AsmVisitorWrapper> resolved = new ArrayList<AsmVisitorWrapper>();
    for (TypeInstrumentation type : types) {
      AsmVisitorWrapper.ForDeclaredMethods methods = new AsmVisitorWrapper.ForDeclaredMethods();
      for (MethodAdvice advice : type.methodAdvice()) {
        TypeDescription adviceClass = pool.describe(advice.adviceClassName()).resolve();
        // Methods and constructors alike: a matcher that names a method never matches a
        // constructor, and one that asks for isConstructor() gets exit advice after it.
        methods =
            methods.invokable(
                advice.methods(), Advice.to(adviceClass, classFiles).withExceptionHandler(errors));
      }
      resolved.add(methods);
    }
    return resolved;
  }

  /** Advice that fails hands its exception to AdviceErrors instead of printing a stack trace. */
  private static Advice.ExceptionHandler reportToAdviceErrors() {
    try {
      return new Advice.ExceptionHandler.Simple(
          MethodInvocation.invoke(
              new MethodDescription.ForLoadedMethod(
                  AdviceErrors.class.getMethod("report", Throwable.class))));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A class loader as a log line names it: the JDK's boot loader is null to Java code. */
  static String describe(ClassLoader loader) {
    return loader == null ? "the boot loader" : loader.toString();
  }
}
