package io.warren.agent.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the JVM the user means: a pid, or a part of its main class (or jar). Only JVMs the
 * Attach API lists are ever attached to: attaching to anything else would signal a process that
 * may not be a JVM at all, so an unlisted pid is only explained.
 */
final class Target {

  /** The JVM option that makes a JVM refuse every attach, and leaves it out of the Attach API's list. */
  static final String REFUSING = "-XX:+DisableAttachMechanism";

  private Target() {}

  static RunningJvm resolve(String target, List<RunningJvm> jvms) throws CommandFailure {
    return resolve(target, jvms, LocalJvms::refusingAttach);
  }

  /**
   * @param refusing the JVMs that refuse every attach (not listed by the Attach API), looked at
   *     only when no listed JVM matches a name
   */
  static RunningJvm resolve(String target, List<RunningJvm> jvms, Supplier<List<RunningJvm>> refusing)
      throws CommandFailure {
    if (target.chars().allMatch(Character::isDigit)) {
      for (RunningJvm jvm : jvms) {
        if (jvm.pid().equals(target)) {
          return jvm;
        }
      }
      throw new CommandFailure(CommandFailure.FAILED, whyNotListed(Long.parseLong(target)));
    }
    List<RunningJvm> matches = new ArrayList<RunningJvm>();
    for (RunningJvm jvm : jvms) {
      if (jvm.mainClass().contains(target)) {
        matches.add(jvm);
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      List<RunningJvm> refusingMatches = new ArrayList<RunningJvm>();
      for (RunningJvm jvm : refusing.get()) {
        if (jvm.mainClass().contains(target)) {
          refusingMatches.add(jvm);
        }
      }
      if (!refusingMatches.isEmpty()) {
        throw new CommandFailure(CommandFailure.FAILED, "'" + target + "' matches only "
            + (refusingMatches.size() == 1 ? "a JVM that refuses" : "JVMs that refuse")
            + " the attach, started with " + REFUSING + ": " + describe(refusingMatches));
      }
      throw new CommandFailure(CommandFailure.FAILED, "no JVM's main class contains '" + target
          + "'; JVMs it can attach to: " + (jvms.isEmpty() ? "none" : describe(jvms)));
    }
    throw new CommandFailure(CommandFailure.FAILED, "'" + target + "' matches " + matches.size()
        + " JVMs (" + describe(matches) + "); give the pid of one");
  }

  static String describe(List<RunningJvm> jvms) {
    StringBuilder text = new StringBuilder();
    for (RunningJvm jvm : jvms) {
      text.append(text.length() == 0 ? "" : ", ").append(jvm);
    }
    return text.toString();
  }

  /** Why a pid the Attach API does not list cannot be attached to, as far as the OS tells. */
  static String whyNotListed(long pid) {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (!process.isPresent()) {
      return "no process has pid " + pid;
    }
    ProcessHandle.Info info = process.get().info();
    if (refusesAttach(info)) {
      return "pid " + pid + " refuses the attach: its JVM was started with " + REFUSING;
    }
    String command = info.command().orElse("");
    String program =
        command.substring(Math.max(command.lastIndexOf('/'), command.lastIndexOf('\\')) + 1);
    if (program.equals("java") || program.equals("java.exe")) {
      return "pid " + pid + " is a JVM that does not accept an attach from this user (it runs as "
          + info.user().orElse("another user") + ", or was started with -XX:-UsePerfData)";
    }
    return "pid " + pid + " is not a JVM this user can attach to"
        + (command.isEmpty() ? "" : " (" + command + ")");
  }

  static boolean refusesAttach(ProcessHandle.Info info) {
    return Arrays.asList(info.arguments().orElse(new String[0])).contains(REFUSING);
  }
}
