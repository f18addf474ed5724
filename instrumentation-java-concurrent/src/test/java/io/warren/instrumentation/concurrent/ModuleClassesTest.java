package io.warren.instrumentation.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warren.agent.api.TypeInstrumentation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleClassesTest {

  /**
   * The JDK classes are named twice, for the JVM's start and with their advice: a name missing
   * from the first list would never be retransformed, one missing from the second looked at for
   * nothing.
   */
  @Test
  void theClassesNamedAtStartAreTheClassesAdvised() {
    JavaConcurrentInstrumentationModule module = new JavaConcurrentInstrumentationModule();
    List<String> advised = new ArrayList<String>();
    for (TypeInstrumentation type : module.typeInstrumentations()) {
      advised.add(((JdkClassInstrumentation) type).className());
    }
    assertEquals(new ArrayList<String>(module.bootClasses()), advised);
  }
}
