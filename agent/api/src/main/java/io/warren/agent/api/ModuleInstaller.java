package io.warren.agent.api;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import io.warren.bootstrap.AdviceErrors;
import io.warren.bootstrap.WarrenLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

/** Turns instrumentation modules into one Byte Buddy transformer. */
public final class ModuleInstaller {

  private ModuleInstaller() {}

  /** Installs the modules now, retransforming classes that are already loaded (late attach). */
  public static ResettableClassFileTransformer install(
      Instrumentation instrumentation, Iterable<InstrumentationModule> modules) {
    return builder(modules).installOn(instrumentation);
  }

  /** The modules as a transformer that the caller registers (and may call) itself. */
  public static ClassFileTransformer transformer(Iterable<InstrumentationModule> modules) {
    return builder(modules).makeRaw();
  }

  private static AgentBuilder builder(Iterable<InstrumentationModule> modules) {
    // Advice needs no Nexus (it serves LoadedTypeInitializers); preparing it generates and
    // injects classes through Unsafe, about half of building the AgentBuilder when measured.
    System.setProperty("net.bytebuddy.nexus.disabled", "true");
    AgentBuilder builder =
        new AgentBuilder.Default()
            .disableClassFormatChanges()
            .with(AgentBuilder.TypeStrategy.Default.DECORATE)
            .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
            // Retransformation lets a late attach instrument classes that are already loaded.
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .with(new InstallationLog())
            .ignore(ElementMatchers.any(), ElementMatchers.isBootstrapClassLoader())
            .or(ignoredTypes());
    for (InstrumentationModule module : modules) {
      ElementMatcher<ClassLoader> loaders = new ClassLoaderHasClass(module.requiredClass());
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        builder = builder.type(type.typeMatcher(), loaders).transform(adviceFor(module, type));
      }
      WarrenLog.debug("instrumentation module '" + module.name() + "' installed");
    }
    return builder;
  }

  private static AgentBuilder.Transformer adviceFor(
      InstrumentationModule module, TypeInstrumentation type) {
    AgentBuilder.Transformer.ForAdvice transformer =
        new AgentBuilder.Transformer.ForAdvice()
            .include(module.getClass().getClassLoader())
            .withExceptionHandler(reportToAdviceErrors());
    for (MethodAdvice advice : type.methodAdvice()) {
      transformer = transformer.advice(advice.methods(), advice.adviceClassName());
    }
    return transformer;
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

  /** Types no instrumentation needs: the JDK, the agent itself and its relocated libraries. */
  private static ElementMatcher.Junction<TypeDescription> ignoredTypes() {
    return nameStartsWith("java.")
        .or(nameStartsWith("javax."))
        .or(nameStartsWith("jdk."))
        .or(nameStartsWith("sun."))
        .or(nameStartsWith("com.sun."))
        .or(nameStartsWith("io.warren.agent."))
        .or(nameStartsWith("io.warren.bootstrap."))
        .or(nameStartsWith("io.warren.shaded."))
        .or(nameStartsWith("net.bytebuddy."))
        .or(isSynthetic());
  }

  /** Logs what was instrumented (debug) and every transformation error (always, one line). */
  private static final class InstallationLog extends AgentBuilder.Listener.Adapter {
    @Override
    public void onTransformation(
        TypeDescription type,
        ClassLoader loader,
        JavaModule module,
        boolean loaded,
        DynamicType dynamicType) {
      WarrenLog.debug("instrumented " + type.getName());
    }

    @Override
    public void onError(
        String typeName,
        ClassLoader loader,
        JavaModule module,
        boolean loaded,
        Throwable error) {
      WarrenLog.warn("could not instrument " + typeName + ": " + error);
    }
  }
}
