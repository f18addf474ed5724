package io.warren.smoketest.harness;

import java.nio.file.Path;

final class Jvm {
  private Jvm() {}

  /** The java launcher of the JVM running this code. */
  static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
