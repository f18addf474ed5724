package io.warren.agent.api;

import io.warren.bootstrap.AdviceErrors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * One module, resolved once: the class loaders it applies to and, per type matcher, the advice to
 * inline. Resolving the advice classes up front keeps that work off the application's class
 * loading.
 */
final class ModuleAdvice {

  private final ClassLoaderHasClass loaders;
  private final List<ElementMatcher<TypeDescription>> typeMatchers =
      new ArrayList<ElementMatcher<TypeDescription>>();
  private final List<AsmVisitorWrapper> typeAdvice = new ArrayList<AsmVisitorWrapper>();

  ModuleAdvice(InstrumentationModule module) {
    this.loaders = new ClassLoaderHasClass(module.requiredClass());
    // Advice classes are read as class files from the module's jar, never loaded.
    TypePool advicePool = TypePool.Default.of(module.getClass().getClassLoader());
    ClassFileLocator adviceFiles = ClassFileLocator.ForClassLoader.of(module.getClass().getClassLoader());
    Advice.ExceptionHandler errors = reportToAdviceErrors();
    for (TypeInstrumentation type : module.typeInstrumentations()) {
      AsmVisitorWrapper.ForDeclaredMethods methods = new AsmVisitorWrapper.ForDeclaredMethods();
      for (MethodAdvice advice : type.methodAdvice()) {
        TypeDescription adviceClass = advicePool.describe(advice.adviceClassName()).resolve();
        methods =
            methods.method(
                advice.methods(), Advice.to(adviceClass, adviceFiles).withExceptionHandler(errors));
      }
      typeMatchers.add(type.typeMatcher());
      typeAdvice.add(methods);
    }
  }

  boolean appliesTo(ClassLoader loader) {
    return loaders.matches(loader);
  }

  /** The advice for a type of a loader this module applies to; empty when none matches. */
  List<AsmVisitorWrapper> adviceFor(TypeDescription type) {
    List<AsmVisitorWrapper> matched = Collections.emptyList();
    for (int i = 0; i < typeMatchers.size(); i++) {
      if (typeMatchers.get(i).matches(type)) {
        if (matched.isEmpty()) {
          matched = new ArrayList<AsmVisitorWrapper>(2);
        }
        matched.add(typeAdvice.get(i));
      }
    }
    return matched;
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
}
