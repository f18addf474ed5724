package io.warren.agent.api;

import java.util.List;

/**
 * One library's instrumentation. Modules are found with {@link java.util.ServiceLoader}, so a
 * new library is a new jar with a services file: the agent core does not change.
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
   * Internal names (e.g. {@code com/rabbitmq/client/Envelope}) of which every class this module
   * transforms mentions at least one: the signatures of the instrumented methods use them. A
   * class file that mentions none is never handed to Byte Buddy, which keeps class loading cheap
   * and lets the agent start in the background.
   */
  List<String> referencedTypes();

  List<TypeInstrumentation> typeInstrumentations();
}
