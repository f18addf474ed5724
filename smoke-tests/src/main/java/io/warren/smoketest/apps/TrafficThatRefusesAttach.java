package io.warren.smoketest.apps;

/**
 * {@link SteadyTraffic} under a main class no other test runs, for a JVM started with
 * {@code -XX:+DisableAttachMechanism}: AttachCommandIT names it by a part of its main class and
 * must find only that JVM, even while other suites run on the same machine.
 */
public final class TrafficThatRefusesAttach {
  private TrafficThatRefusesAttach() {}

  public static void main(String[] argv) throws Exception {
    SteadyTraffic.main(argv);
  }
}
