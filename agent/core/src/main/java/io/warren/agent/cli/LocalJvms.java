package io.warren.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVMs on this machine that accept an attach, through the JDK's Attach API (module
 * {@code jdk.attach}, absent from a JRE: check {@link #attachApiPresent()} before anything else
 * here). The command's own JVM is left out.
 */
final class LocalJvms {

  private LocalJvms() {}

  static boolean attachApiPresent() {
    return ModuleLayer.boot().findModule("jdk.attach").isPresent();
  }

  static List<RunningJvm> list() {
    String self = Long.toString(ProcessHandle.current().pid());
    List<RunningJvm> jvms = new ArrayList<RunningJvm>();
    for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
      if (!descriptor.id().equals(self)) {
        jvms.add(RunningJvm.fromDisplayName(descriptor.id(), descriptor.displayName()));
      }
    }
    return jvms;
  }
}
