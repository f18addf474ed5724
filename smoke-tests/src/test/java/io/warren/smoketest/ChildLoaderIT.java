package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warren.smoketest.apps.ChildLoaderLauncher;
import io.warren.smoketest.harness.AgentJvm;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Applications whose amqp-client lives in a class loader of their own (a Spring Boot jar, an
 * application server): the agent, loaded by the system class loader, never sees the library
 * there, and must still trace both the publisher and the consumer.
 */
class ChildLoaderIT extends SmokeTestBase {

  @Test
  void clientInAnApplicationClassLoaderIsTraced() {
    ProducerAndConsumer run = publishToLambdaConsumer("child-loader", this::inChildLoader);

    assertAll(
        () -> assertEquals(List.of("false"),
            run.producer().linesStartingWith("RABBIT-ON-SYSTEM-PATH"),
            "the test must hide amqp-client from the system class loader"),
        () -> assertEquals(List.of(), AgentLog.warnings(run.producer())),
        () -> assertEquals(List.of(), AgentLog.warnings(run.consumer())));
  }

  private AgentJvm inChildLoader(Class<?> app, String serviceName) {
    return withAgent(ChildLoaderLauncher.class, serviceName)
        .classpath(launcherOnly())
        .property("launcher.classpath", SmokeEnv.appClasspath())
        .args(app.getName());
  }

  /** The directory that holds the launcher (and the apps, which the system loader never loads). */
  private static String launcherOnly() {
    try {
      return Path.of(ChildLoaderLauncher.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
