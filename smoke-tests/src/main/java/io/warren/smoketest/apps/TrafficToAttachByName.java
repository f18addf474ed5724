package io.warren.smoketest.apps;

/**
 * {@link SteadyTraffic} under a main class no other test runs: AttachCommandIT names it by a part
 * of its main class and must find exactly one such JVM, even while other suites run on the
 * same machine.
 */
public final class TrafficToAttachByName {
  private TrafficToAttachByName() {}

  public static void main(String[] argv) throws Exception {
    SteadyTraffic.main(argv);
  }
}
