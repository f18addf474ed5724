package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.warren.smoketest.apps.Notifications;
import io.warren.smoketest.apps.TenantMessages;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code warren.messaging.capture-headers}: the headers it names become
 * {@code messaging.header.<name>} tags (their values as strings), and {@code app_id} the AMQP
 * property as {@code messaging.rabbitmq.message.app_id}, on publish and process spans alike.
 * Headers it does not name, and bodies, are never recorded; without the setting nothing is.
 */
class HeaderCaptureIT extends SmokeTestBase {
  static final String CAPTURE = "warren.messaging.capture-headers";
  static final String TENANT = "messaging.header.x-tenant";
  static final String ATTEMPT = "messaging.header.x-attempt";
  static final String SECRET = "messaging.header.x-secret";
  static final String APP_ID = "messaging.rabbitmq.message.app_id";

  @Test
  void namedHeadersAndTheAppIdAreRecordedOnBothSides() {
    String queue = broker.freshQueue("tenants");
    String producerService = "capture-producer-" + id;
    String consumerService = "capture-consumer-" + id;
    String prefix = "hc-" + id;
    String secret = "secret-" + id;
    String capture = "x-tenant,app_id,x-attempt";

    AgentJvm.Result producer = Expect.exitedNormally(withAgent(TenantMessages.class,
        producerService).property(CAPTURE, capture)
        .args("--queue=" + queue, "--id-prefix=" + prefix, "--secret=" + secret)
        .run(APP_TIMEOUT));
    AgentJvm.Result consumer = Expect.exitedNormally(withAgent(Notifications.class,
        consumerService).property(CAPTURE, capture)
        .args("--queue=" + queue, "--count=2").run(APP_TIMEOUT));
    Expect.deliveredUnchanged(Expect.sent(producer), Expect.received(consumer));

    Map<String, ZipkinSpan> publishes = spansById(producerService, 2, producer);
    Map<String, ZipkinSpan> processes = spansById(consumerService, 2, consumer);
    ZipkinSpan taggedPublish = publishes.get(prefix + "-tagged");
    ZipkinSpan taggedProcess = processes.get(prefix + "-tagged");
    ZipkinSpan plainPublish = publishes.get(prefix + "-plain");
    ZipkinSpan plainProcess = processes.get(prefix + "-plain");
    assertAll(
        () -> Expect.publishSpan(taggedPublish, "", queue),
        () -> Expect.processSpan(taggedProcess, queue),
        () -> childOf(taggedPublish, taggedProcess),
        () -> childOf(plainPublish, plainProcess));
    for (ZipkinSpan span : List.of(taggedPublish, taggedProcess)) {
      assertAll("captured on " + span,
          () -> assertEquals("acme", span.tag(TENANT), TENANT),
          () -> assertEquals("3", span.tag(ATTEMPT), ATTEMPT),
          () -> assertEquals("billing", span.tag(APP_ID), APP_ID),
          () -> neverRecorded(span, secret));
    }
    for (ZipkinSpan span : List.of(plainPublish, plainProcess)) {
      assertAll("nothing to capture on " + span,
          () -> noCapturedTags(span),
          () -> neverRecorded(span, secret));
    }
  }

  @Test
  void nothingIsCapturedByDefault() {
    String queue = broker.freshQueue("tenants-default");
    String service = "capture-off-" + id;
    String prefix = "hd-" + id;
    String secret = "secret-" + id;

    AgentJvm.Result producer = Expect.exitedNormally(withAgent(TenantMessages.class, service)
        .args("--queue=" + queue, "--id-prefix=" + prefix, "--secret=" + secret)
        .run(APP_TIMEOUT));

    Map<String, ZipkinSpan> publishes = spansById(service, 2, producer);
    for (ZipkinSpan span : publishes.values()) {
      assertAll("nothing captured on " + span,
          () -> noCapturedTags(span),
          () -> neverRecorded(span, secret));
    }
  }

  private static void noCapturedTags(ZipkinSpan span) {
    assertEquals(List.of(), span.tags().keySet().stream()
        .filter(key -> key.startsWith("messaging.header.") || key.equals(APP_ID)).toList(),
        () -> "captured tags on " + span);
  }

  /** An uncaptured header and the body (which contains the same text) appear in no tag. */
  private static void neverRecorded(ZipkinSpan span, String secret) {
    assertFalse(span.tags().containsKey(SECRET), () -> "uncaptured header on " + span);
    assertFalse(span.tags().values().stream().anyMatch(value -> value.contains(secret)),
        () -> "the uncaptured header or the body recorded on " + span);
  }
}
