package io.warren.agent.api;

import io.warren.bootstrap.WarrenLog;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.auxiliary.AuxiliaryType;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Inlines the modules' advice into the class files that match, using Byte Buddy's {@code Advice}
 * as an ASM visitor: the class is read once and written back with only the matched methods
 * changed.
 *
 * <p>Byte Buddy's AgentBuilder would instead rebuild the whole type through its type writer,
 * resolving the method graph of the entire hierarchy; measured, that was most of the agent's
 * start-up CPU, for a result that advice alone gives.
 */
final class AdviceTransformer implements ClassFileTransformer {

  private final List<ModuleAdvice> modules;

  AdviceTransformer(List<ModuleAdvice> modules) {
    this.modules = modules;
  }

  @Override
  public byte[] transform(
      ClassLoader loader,
      String internalName,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile) {
    if (internalName == null || classFile == null) {
      return null;
    }
    String name = internalName.replace('/', '.');
    if ((loader == null || IgnoredTypes.contains(name)) && !isBootClassOfAModule(loader, name)) {
      return null; // the JDK and the agent, but for the JDK classes a module names
    }
    try {
      return instrument(loader, name, classFile);
    } catch (Throwable t) {
      WarrenLog.warn("could not instrument " + name + ": " + t);
      return null;
    }
  }

  /**
   * Resolves, ahead of need, the advice of the first {@code limit} modules whose library sits
   * beside the agent; the others are resolved when a class of theirs first loads.
   */
  void resolveAhead(int limit) {
    int resolved = 0;
    for (ModuleAdvice module : modules) {
      if (resolved < limit && module.libraryBesideAgent()) {
        module.resolveBesideAgent();
        resolved++;
      }
    }
  }

  /** Whether any module would transform this already loaded class (late attach). */
  boolean wouldTransform(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    if ((loader == null || IgnoredTypes.contains(type.getName()))
        && !isBootClassOfAModule(loader, type.getName())) {
      return false;
    }
    TypeDescription description = TypeDescription.ForLoadedType.of(type);
    for (ModuleAdvice module : modules) {
      if (module.appliesTo(loader) && module.transforms(description)) {
        return true;
      }
    }
    return false;
  }

  /** Of the JDK's own classes, only those a module names are ever instrumented. */
  private boolean isBootClassOfAModule(ClassLoader loader, String name) {
    if (!JdkLoaders.contains(loader)) {
      return false;
    }
    for (ModuleAdvice module : modules) {
      if (module.instrumentsBootClass(name)) {
        return true;
      }
    }
    return false;
  }

  private byte[] instrument(ClassLoader loader, String name, byte[] classFile) {
    TypePool pool = null;
    TypeDescription type = null;
    List<AsmVisitorWrapper> advice = new ArrayList<AsmVisitorWrapper>(2);
    for (ModuleAdvice module : modules) {
      if (!module.appliesTo(loader)) {
        continue;
      }
      if (type == null) {
        pool = typePool(loader, name, classFile);
        type = pool.describe(name).resolve();
        if (type.isSynthetic()) {
          return null;
        }
      }
      advice.addAll(module.adviceFor(loader, type));
    }
    if (advice.isEmpty()) {
      return null;
    }
    AsmVisitorWrapper wrapper = new AsmVisitorWrapper.Compound(advice);
    int writerFlags = wrapper.mergeWriter(0);
    int readerFlags = wrapper.mergeReader(0);
    ClassReader reader = OpenedClassReader.of(classFile);
    // Sharing the reader's constant pool lets ASM copy every method advice does not touch as is.
    ClassWriter writer = new ClassWriter(reader, writerFlags);
    ClassFileVersion version = ClassFileVersion.ofClassFile(classFile);
    Implementation.Context context =
        Implementation.Context.Disabled.Factory.INSTANCE.make(
            type,
            new AuxiliaryType.NamingStrategy.Suffixing("warren"),
            TypeInitializer.None.INSTANCE,
            version,
            version);
    ClassVisitor visitor =
        wrapper.wrap(
            type,
            writer,
            context,
            pool,
            type.getDeclaredFields(),
            type.getDeclaredMethods(),
            writerFlags,
            readerFlags);
    reader.accept(visitor, readerFlags);
    WarrenLog.debug("instrumented " + name);
    return writer.toByteArray();
  }

  /**
   * Describes the class from the bytes being defined and its supertypes from its loader. A pool
   * lives for one class only: a longer-lived cache would hold on to the loader.
   */
  private static TypePool typePool(ClassLoader loader, String name, byte[] classFile) {
    return new TypePool.Default.WithLazyResolution(
        TypePool.CacheProvider.Simple.withObjectType(),
        new ClassFileLocator.Compound(
            ClassFileLocator.Simple.of(name, classFile), ClassFileLocator.ForClassLoader.of(loader)),
        TypePool.Default.ReaderMode.FAST);
  }
}
