package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.FlakyConsumer;
import io.warren.smoketest.apps.ItemSubscriptions;
import io.warren.smoketest.apps.Wire;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Consumers that are not plain DefaultConsumer subclasses, or that fail. */
class ConsumerStylesIT extends SmokeTestBase {

  @Test
  void deliverCallbackLambdaIsTraced() {
    publishToLambdaConsumer("lambda", this::withAgent);
  }

  @Test
  void throwingHandlerMarksItsSpanAndTheRestIsStillConsumed() {
    int messages = 3;
    String queue = broker.freshQueue("flaky");
    String producerService = "flaky-producer-" + id;
    String consumerService = "flaky-consumer-" + id;
    String failId = "f-" + id + "-2";

    AgentJvm.Result producer = Expect.exitedNormally(withAgent(ItemSubscriptions.class,
        producerService).args("--queue=" + queue, "--count=" + messages, "--id-prefix=f-" + id)
        .run(APP_TIMEOUT));
    AgentJvm.Result consumer = Expect.exitedNormally(withAgent(FlakyConsumer.class,
        consumerService).args("--queue=" + queue, "--count=" + messages, "--fail-id=" + failId)
        .run(APP_TIMEOUT));

    // The application sees its exception exactly as without the agent, and carries on.
    List<Wire.Message> sentOk = Expect.sent(producer).stream()
        .filter(m -> !failId.equals(m.messageId())).toList();
    Expect.deliveredUnchanged(sentOk, Expect.received(consumer));
    assertEquals(List.of(failId), consumer.linesStartingWith("FAILING"), consumer::describe);
    assertEquals(List.of("java.lang.IllegalStateException: refusing notification " + failId),
        consumer.linesStartingWith("CONSUMER-EXCEPTION"), consumer::describe);

    Map<String, ZipkinSpan> publishes = spansById(producerService, messages, producer);
    Map<String, ZipkinSpan> processes = spansById(consumerService, messages, consumer);
    for (int n = 1; n <= messages; n++) {
      String messageId = "f-" + id + "-" + n;
      ZipkinSpan publish = publishes.get(messageId);
      ZipkinSpan process = processes.get(messageId);
      assertNotNull(process, "no process span for " + messageId);
      childOf(publish, process);
      Expect.processSpan(process, queue);
      if (messageId.equals(failId)) {
        assertAll("failed span " + process,
            () -> assertTrue(process.tags().containsKey("error"), "error tag"),
            () -> assertEquals("ERROR", process.tag("otel.status_code")),
            () -> assertTrue(process.annotations().stream().anyMatch(a ->
                a.contains("exception") && a.contains("refusing notification " + failId)),
                "exception annotation with the message"));
      } else {
        assertFalse(process.tags().containsKey("error"), () -> "unexpected error: " + process);
        assertFalse("ERROR".equals(process.tag("otel.status_code")), process::toString);
      }
    }
  }
}
