package io.warren.agent.cli;

/** A JVM on this machine that accepts an attach: its pid and its main class (or jar). */
final class RunningJvm {

  private final String pid;
  private final String mainClass;

  RunningJvm(String pid, String mainClass) {
    this.pid = pid;
    this.mainClass = mainClass;
  }

  /** From the Attach API's display name, which is the main class (or jar) and its arguments. */
  static RunningJvm fromDisplayName(String pid, String displayName) {
    String trimmed = displayName == null ? "" : displayName.trim();
    int space = trimmed.indexOf(' ');
    return new RunningJvm(pid, space < 0 ? trimmed : trimmed.substring(0, space));
  }

  String pid() {
    return pid;
  }

  String mainClass() {
    return mainClass;
  }

  @Override
  public String toString() {
    return pid + " " + (mainClass.isEmpty() ? "(main class unknown)" : mainClass);
  }
}
