package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.Confirms;
import io.warren.smoketest.apps.Notifications;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The oldest amqp-client Warren supports, 5.0.0 (the first 5.x: the lambda consumers of
 * {@code basicConsume} and every client method the advice names exist since then), put before
 * the apps' own 5.38.0 on their class path: a confirmed publish, its acking consumer, one trace.
 */
class OldestClientIT extends SmokeTestBase {
  private static final int MESSAGES = 3;
  private static final Path OLDEST =
      Path.of(System.getProperty("smoke.amqp.oldest.dir", "target/amqp-client-oldest"),
          "amqp-client-5.0.0.jar");

  @Test
  void aConfirmedPublishAndItsAckedDeliveryAreOneTrace() {
    assertTrue(Files.isRegularFile(OLDEST), OLDEST + " (copied by mvn package)");
    String classpath = OLDEST + File.pathSeparator + SmokeEnv.appClasspath();
    String queue = broker.freshQueue("oldest-client");
    String producerService = "oldest-producer-" + id;
    String consumerService = "oldest-consumer-" + id;
    String prefix = "old-" + id;

    AgentJvm.Result producer = Expect.exitedNormally(withAgent(Confirms.class, producerService)
        .classpath(classpath)
        .args("--queue=" + queue, "--count=" + MESSAGES, "--id-prefix=" + prefix,
            "--confirm=wait-or-die")
        .run(APP_TIMEOUT));
    AgentJvm.Result consumer = Expect.exitedNormally(withAgent(Notifications.class, consumerService)
        .classpath(classpath)
        .args("--queue=" + queue, "--count=" + MESSAGES)
        .run(APP_TIMEOUT));
    Expect.deliveredUnchanged(Expect.sent(producer), Expect.received(consumer));

    Map<String, ZipkinSpan> publishes = Expect.byMessageId(zipkinClient().awaitSpans(producerService, MESSAGES));
    Map<String, ZipkinSpan> processes = Expect.byMessageId(zipkinClient().awaitSpans(consumerService, MESSAGES));
    for (int n = 1; n <= MESSAGES; n++) {
      ZipkinSpan publish = publishes.get(prefix + "-" + n);
      ZipkinSpan process = processes.get(prefix + "-" + n);
      assertAll(prefix + "-" + n,
          () -> Expect.publishSpan(publish, "", queue),
          () -> ConfirmsIT.acked(publish),
          () -> Expect.processSpan(process, queue),
          () -> assertEquals("ack", process.tag("messaging.rabbitmq.settlement")),
          () -> childOf(publish, process));
    }
  }
}
