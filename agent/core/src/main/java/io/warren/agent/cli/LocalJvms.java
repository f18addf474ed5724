package io.warren.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
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

  /**
   * The JVMs of this machine that refuse every attach ({@code -XX:+DisableAttachMechanism}),
   * which the Attach API leaves out, with their main class as their command line gives it.
   */
  static List<RunningJvm> refusingAttach() {
    List<RunningJvm> refusing = new ArrayList<RunningJvm>();
    ProcessHandle.allProcesses().forEach(process -> {
      ProcessHandle.Info info = process.info();
      if (Target.refusesAttach(info)) {
        refusing.add(new RunningJvm(Long.toString(process.pid()),
            mainClassOf(info.arguments().orElse(new String[0]))));
      }
    });
    return refusing;
  }

  /**
   * The main class (or {@code -jar} file, or {@code -m} module/class) in a {@code java} command
   * line's arguments: the first word that is neither an option nor an option's value.
   */
  static String mainClassOf(String[] arguments) {
    for (int i = 0; i < arguments.length; i++) {
      String argument = arguments[i];
      if (argument.equals("-jar") || argument.equals("-m") || argument.equals("--module")) {
        return i + 1 < arguments.length ? arguments[i + 1] : "";
      }
      if (OPTIONS_WITH_A_VALUE.contains(argument)) {
        i++;
      } else if (!argument.startsWith("-")) {
        return argument;
      }
    }
    return "";
  }

  /** The java launcher's options whose value is the next word. */
  private static final Set<String> OPTIONS_WITH_A_VALUE = new HashSet<String>(Arrays.asList(
      "-cp", "-classpath", "--class-path", "-p", "--module-path", "--upgrade-module-path",
      "--add-modules", "--add-reads", "--add-exports", "--add-opens", "--limit-modules",
      "--patch-module", "--enable-native-access", "--source"));

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
