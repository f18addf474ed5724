package io.warren.agent.api;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One library's instrumentation. Modules are found with {@link java.util.ServiceLoader}, so a
 * new library is a new jar with a services file: the agent core does not change.
 *
 * <p>A module has up to three parts. Its advice is inlined into the library's classes. Classes
 * in its {@code bootstrap} package (for example {@code io.warren.instrumentation.x.bootstrap})
 * go into the boot loader beside the bridge, so advice in any class loader can call them: they
 * may use only the JDK and {@code io.warren.bootstrap}. Everything else (this class, matchers)
 * runs in the agent's own class loader at start-up.
 */
public interface InstrumentationModule {

  /** Short name, used in the switch {@code warren.instrumentation.<name>.enabled}. */
  String name();

  /**
   * A class (binary name) that must be visible to a class loader before any of this module's
   * type matchers run against it. Checked as a resource, so nothing is loaded early.
   */
  String requiredClass();

  /**
   * Internal names (e.g. {@code com/example/client/Message}) of which every class this module
   * transforms mentions at least one: the signatures of the instrumented methods use them, or
   * they are annotated with one (an annotation visible at run time). A class file that mentions
   * none is never handed to Byte Buddy, which keeps class loading cheap and lets the agent start
   * in the background.
   */
  List<String> referencedTypes();

  List<TypeInstrumentation> typeInstrumentations();

  /**
   * Whether a class this module instruments that loads while the agent is still starting (at
   * JVM start the agent starts in the background) must wait for that start, so that its first
   * load is already instrumented.
   *
   * <p>{@code true} (the default): such a class waits, since what it does before the start
   * matters (a message published or consumed then must still be traced).
   *
   * <p>{@code false}: nothing the module does matters before the agent has started (no span can
   * be current then, as for log correlation), so classes it instruments that load before then
   * are not held back; they are retransformed once the agent has started. Their advice must
   * then add no fields or methods (inlined advice does not), as retransformation allows none.
   */
  default boolean needsClassesFromStart() {
    return true;
  }

  /**
   * Binary names of JDK classes (of {@code java.base}, loaded by the boot loader, or of another
   * JDK module such as {@code java.net.http}, loaded by the platform loader) that this module
   * instruments; empty (the default) for a library module. A module that names any applies to
   * the boot loader only and to those classes only, whatever its type matchers would match; no
   * other module ever sees a boot loader class. Those already loaded when the agent starts (most
   * are) are retransformed once it has started, so the module must not need its classes from
   * the start ({@link #needsClassesFromStart()} false) and its advice must add no fields or
   * methods. Everything the advice calls must be in the boot loader: the bridge and the module's
   * {@code bootstrap} package (the JDK modules of those classes are made to read them).
   */
  default Set<String> bootClasses() {
    return Collections.emptySet();
  }

  /**
   * Classes that another module must leave alone while this one is enabled, because this module
   * traces what they do its own way: module name to binary class names. A framework module uses
   * it to take a delivery over from the client library's module, so one message never gets two
   * spans; switched off, the library's module traces those classes again.
   */
  default Map<String, Set<String>> supersedes() {
    return Collections.emptyMap();
  }

  /**
   * Resource attributes this module can tell about the application, used only where the user
   * set none (for example {@code service.name} from a framework's own application name).
   * Called once at start-up, in the agent's class loader.
   */
  default Map<String, String> resourceDefaults() {
    return Collections.emptyMap();
  }

  /**
   * Binary names of this module's helper classes: defined in the class loader of each class the
   * module instruments, once per loader and before that class, so they can implement the
   * library's own interfaces (which the boot loader cannot see) and advice can hand out their
   * instances. They may use the library, the JDK and {@code io.warren.bootstrap}; a library the
   * agent also carries is named as the application's copy (the agent jar's relocation is undone
   * in them). A loader where they cannot be defined is left untraced by the module. Empty by
   * default.
   */
  default List<String> helperClassNames() {
    return Collections.emptyList();
  }

  /** Settings of this module besides its switch: the agent warns about any it does not know. */
  default List<ModuleSetting> settings() {
    return Collections.emptyList();
  }
}
