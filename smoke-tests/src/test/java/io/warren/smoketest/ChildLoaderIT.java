package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warren.smoketest.apps.ChildLoaderLauncher;
import io.warren.smoketest.apps.ItemSubscriptions;
import io.warren.smoketest.apps.LambdaConsumer;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Applications whose amqp-client lives in a class loader of their own (a Spring Boot jar, an
 * application server): the agent, loaded by the system class loader, never sees the library
 * there, and must still trace both the publisher and the consumer.
 */
class ChildLoaderIT extends SmokeTestBase {

  @Test
  void clientInAnApplicationClassLoaderIsTraced() {
    int messages = 2;
    String queue = broker.freshQueue("child-loader");
    String producerService = "child-producer-" + id;
    String consumerService = "child-consumer-" + id;

    AgentJvm.Result producer = Expect.exitedNormally(inChildLoader(ItemSubscriptions.class,
        producerService).args("--queue=" + queue, "--count=" + messages, "--id-prefix=c-" + id)
        .run(APP_TIMEOUT));
    AgentJvm.Result consumer = Expect.exitedNormally(inChildLoader(LambdaConsumer.class,
        consumerService).args("--queue=" + queue, "--count=" + messages).run(APP_TIMEOUT));
    Expect.deliveredUnchanged(Expect.sent(producer), Expect.received(consumer));

    Map<String, ZipkinSpan> publishes = spansById(producerService, messages, producer);
    Map<String, ZipkinSpan> processes = spansById(consumerService, messages, consumer);
    assertAll(
        () -> assertEquals(List.of("false"), producer.linesStartingWith("RABBIT-ON-SYSTEM-PATH"),
            "the test must hide amqp-client from the system class loader"),
        () -> assertEquals(List.of(), AgentLog.warnings(producer)),
        () -> assertEquals(List.of(), AgentLog.warnings(consumer)));
    for (int n = 1; n <= messages; n++) {
      String messageId = "c-" + id + "-" + n;
      ZipkinSpan publish = publishes.get(messageId);
      ZipkinSpan process = processes.get(messageId);
      assertAll(messageId,
          () -> Expect.publishSpan(publish, "", queue),
          () -> childOf(publish, process),
          () -> Expect.processSpan(process, "", queue));
    }
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
