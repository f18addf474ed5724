package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.warren.smoketest.apps.ItemSubscriptions;
import io.warren.smoketest.apps.Notifications;
import io.warren.smoketest.apps.Wire;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.DependencyLink;
import io.warren.smoketest.harness.TraceTree;
import io.warren.smoketest.harness.ZipkinClient;
import io.warren.smoketest.harness.ZipkinSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README story: item-subscriptions publishes to task_queue, notifications consumes it, both
 * run with the agent, and Zipkin shows one trace per message spanning both services.
 */
class TwoServiceStoryIT extends SmokeTestBase {
  private static final int MESSAGES = 3;

  @Test
  void producerAndConsumerShareOneTracePerMessage() {
    story(null);
  }

  @Test
  void sameStoryOnJdk25() {
    Path java25 = SmokeEnv.java25();
    assertTrue(Files.isExecutable(java25), "JDK 25 java not found at " + java25
        + " (set -Dsmoke.java25=...)");
    story(java25);
  }

  private void story(Path java) {
    String queue = broker.freshQueue("task_queue");
    String producerService = "item-subscriptions-" + id;
    String consumerService = "notifications-" + id;

    AgentJvm consumerJvm = withAgent(Notifications.class, consumerService)
        .args("--queue=" + queue, "--count=" + MESSAGES);
    AgentJvm producerJvm = withAgent(ItemSubscriptions.class, producerService)
        .args("--queue=" + queue, "--count=" + MESSAGES, "--id-prefix=sub-" + id);
    if (java != null) {
      consumerJvm.java(java);
      producerJvm.java(java);
    }
    AgentJvm.Running consumer = consumerJvm.start();
    AgentJvm.Result producer = Expect.exitedNormally(producerJvm.run(APP_TIMEOUT));
    AgentJvm.Result consumed = Expect.exitedNormally(consumer.awaitExit(APP_TIMEOUT));

    List<Wire.Message> sent = Expect.sent(producer);
    List<Wire.Message> received = Expect.received(consumed);
    assertEquals(MESSAGES, sent.size(), producer::describe);
    Expect.deliveredUnchanged(sent, received);

    ZipkinClient zipkin = zipkinClient();
    List<ZipkinSpan> publishes = zipkin.awaitSpans(producerService, MESSAGES);
    List<ZipkinSpan> processes = zipkin.awaitSpans(consumerService, MESSAGES);
    assertEquals(MESSAGES, publishes.size(), () -> "producer spans:\n" + Expect.lines(publishes));
    assertEquals(MESSAGES, processes.size(), () -> "consumer spans:\n" + Expect.lines(processes));
    System.out.println(TraceTree.render(zipkin.trace(publishes.get(0).traceId())));

    Map<String, ZipkinSpan> publishById = Expect.byMessageId(publishes);
    Map<String, ZipkinSpan> processById = Expect.byMessageId(processes);
    for (int n = 1; n <= MESSAGES; n++) {
      String messageId = "sub-" + id + "-" + n;
      ZipkinSpan publish = publishById.get(messageId);
      ZipkinSpan process = processById.get(messageId);
      assertNotNull(publish, () -> "no publish span for " + messageId + " in:\n"
          + Expect.lines(publishes));
      assertNotNull(process, () -> "no process span for " + messageId + " in:\n"
          + Expect.lines(processes));
      Wire.Message message = Expect.receivedMessage(received, messageId);
      Map<String, String> messageTags = Map.of(
          "messaging.message.conversation_id", "order-" + n,
          "messaging.message.body.size", Integer.toString(message.body().length));
      Map<String, String> deliveryTags = new HashMap<>(messageTags);
      // One publisher, one queue, one consumer channel: the n-th message is its n-th delivery.
      deliveryTags.put("messaging.rabbitmq.message.delivery_tag", Integer.toString(n));
      assertAll("message " + messageId,
          () -> assertNull(publish.parentId(), () -> "publish is a root span: " + publish),
          () -> childOf(publish, process),
          () -> Expect.publishSpan(publish, "", queue),
          () -> Expect.processSpan(process, queue),
          () -> assertTagsByKey(publish, messageTags),
          () -> assertTagsByKey(process, deliveryTags),
          () -> assertEquals(producerService, publish.localServiceName()),
          () -> assertEquals(consumerService, process.localServiceName()),
          // What the consumer got in its headers names the publish span.
          () -> Expect.traceparentNames(publish, Expect.headerText(message, "traceparent")));
    }

    List<DependencyLink> links = zipkin.awaitDependencies(l ->
        hasLink(l, producerService, "rabbitmq") && hasLink(l, "rabbitmq", consumerService));
    assertAll("dependency links " + links,
        () -> assertEquals(MESSAGES, callCount(links, producerService, "rabbitmq")),
        () -> assertEquals(MESSAGES, callCount(links, "rabbitmq", consumerService)));
  }

  /**
   * Each expected tag on its own: every tag that is missing and every value that differs is
   * named, all of them at once, under the span they belong to.
   */
  private static void assertTagsByKey(ZipkinSpan span, Map<String, String> expected) {
    assertAll("tags of " + span, expected.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(tag -> () -> {
          String key = tag.getKey();
          if (!span.tags().containsKey(key)) {
            fail("tag " + key + " is missing (expected " + key + "=" + tag.getValue() + ")");
          }
          assertEquals(tag.getValue(), span.tag(key), () -> "value of tag " + key);
        }));
  }

  private static boolean hasLink(List<DependencyLink> links, String parent, String child) {
    return callCount(links, parent, child) > 0;
  }

  private static long callCount(List<DependencyLink> links, String parent, String child) {
    return links.stream().filter(l -> l.parent().equals(parent) && l.child().equals(child))
        .mapToLong(DependencyLink::callCount).sum();
  }
}
