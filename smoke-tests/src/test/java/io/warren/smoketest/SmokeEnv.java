package io.warren.smoketest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the build passes to the smoke tests as system properties (see smoke-tests/pom.xml), with
 * defaults that work when a test is started from the smoke-tests directory.
 */
final class SmokeEnv {
  private SmokeEnv() {}

  static Path agentJar() {
    return path("warren.agent.jar", "../agent/target/warren-agent.jar");
  }

  static Path zipkinJar() {
    return path("smoke.zipkin.jar", "target/zipkin/zipkin-server.jar");
  }

  static Path logsDir() {
    return path("smoke.logs.dir", "target/smoke-logs");
  }

  /** smoke-tests/demo.sh. */
  static Path demoScript() {
    return path("smoke.demo.script", "demo.sh");
  }

  static Path java25() {
    return path("smoke.java25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
  }

  /** The sample applications' class path: their classes plus amqp-client and its dependencies. */
  static String appClasspath() {
    Path classes = path("smoke.app.classes", "target/classes");
    return classes + java.io.File.pathSeparator + listedIn("smoke.app.classpath.file", "target/app-classpath.txt");
  }

  /** Log4j2's jars, for the apps that log through it (after the app class path). */
  static String log4j2Classpath() {
    return listedIn("smoke.logging.classpath.file", "target/logging-classpath.txt");
  }

  /** The test kit (warren-bootstrap's test jar), for the sabotaged apps. */
  static String testKitClasspath() {
    return listedIn("smoke.test-kit.classpath.file", "target/test-kit-classpath.txt");
  }

  /** A class path that mvn package wrote to a file. */
  private static String listedIn(String property, String fallback) {
    Path file = path(property, fallback);
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("missing " + file + " (written by mvn package)", e);
    }
  }

  private static Path path(String property, String fallback) {
    return Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
  }
}
