package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.Confirms;
import io.warren.smoketest.apps.Notifications;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Publisher confirms: a publish span stays open until the broker confirms the message and says
 * how (ack, nack, or never), how long the basicPublish call itself took, and whether the confirm
 * that settled it covered several publishes; a nack is an error. The application's own confirm
 * handling (waitForConfirmsOrDie, a ConfirmListener, ConfirmCallbacks, waitForConfirms) sees
 * every ack and nack as without the agent, and the messages arrive intact.
 */
class ConfirmsIT extends SmokeTestBase {
  static final String CONFIRM = "messaging.rabbitmq.confirm";
  static final String CONFIRM_MULTIPLE = "messaging.rabbitmq.confirm.multiple";
  static final String CALL_DURATION = "messaging.rabbitmq.publish.call_duration_us";

  @Test
  void waitForConfirmsOrDieAcksEveryPublishAndTheMessagesArriveIntact() {
    int messages = 3;
    String queue = broker.freshQueue("confirmed");
    String producerService = "confirms-producer-" + id;
    String consumerService = "confirms-consumer-" + id;
    String prefix = "c-" + id;

    AgentJvm.Result producer = Expect.exitedNormally(withAgent(Confirms.class, producerService)
        .args("--queue=" + queue, "--count=" + messages, "--id-prefix=" + prefix,
            "--confirm=wait-or-die")
        .run(APP_TIMEOUT));
    assertTrue(producer.stdout().contains("CONFIRMED"), producer::describe);
    AgentJvm.Result consumer = Expect.exitedNormally(withAgent(Notifications.class,
        consumerService).args("--queue=" + queue, "--count=" + messages).run(APP_TIMEOUT));
    Expect.deliveredUnchanged(Expect.sent(producer), Expect.received(consumer));

    Map<String, ZipkinSpan> publishes = spansById(producerService, messages, producer);
    Map<String, ZipkinSpan> processes = spansById(consumerService, messages, consumer);
    for (int n = 1; n <= messages; n++) {
      String messageId = prefix + "-" + n;
      ZipkinSpan publish = publishes.get(messageId);
      ZipkinSpan process = processes.get(messageId);
      assertNotNull(publish, () -> "no publish span for " + messageId);
      assertAll(messageId,
          () -> Expect.publishSpan(publish, "", queue),
          () -> acked(publish),
          () -> Expect.processSpan(process, queue),
          () -> childOf(publish, process));
    }
  }

  /**
   * 200 publishes as fast as the application can, then waitForConfirms: every span is acked. The
   * broker decides whether one ack covers several publishes (to a quorum queue it mostly does);
   * the application's listener prints, for each publish, whether the confirm that settled it had
   * multiple=true, and the spans must say the same.
   */
  @Test
  void aBurstIsAckedAndTheSpansSayWhichAcksCoveredSeveralPublishes() {
    int messages = 200;
    String queue = broker.freshQueue("confirm-burst", Map.of("x-queue-type", "quorum"));
    String service = "confirm-burst-" + id;
    String prefix = "cb-" + id;

    AgentJvm.Result app = Expect.exitedNormally(withAgent(Confirms.class, service)
        .args("--queue=" + queue, "--count=" + messages, "--id-prefix=" + prefix,
            "--confirm=listener", "--also-wait=true")
        .run(APP_TIMEOUT));
    assertEquals(List.of("true"), app.linesStartingWith("ALL-ACKED"), app::describe);
    assertEquals(List.of(), app.linesStartingWith("NACKED"), app::describe);
    Map<String, Confirmation> confirmations = confirmations(app);
    assertEquals(messages, confirmations.size(), app::describe);

    Map<String, ZipkinSpan> publishes = spansById(service, messages, app);
    long coveredByMultiple = confirmations.values().stream().filter(Confirmation::multiple)
        .count();
    System.out.println(coveredByMultiple + " of " + messages
        + " publishes were settled by an ack with multiple=true");
    for (int n = 1; n <= messages; n++) {
      String messageId = prefix + "-" + n;
      ZipkinSpan publish = publishes.get(messageId);
      Confirmation confirmation = confirmations.get(messageId);
      assertNotNull(publish, () -> "no publish span for " + messageId);
      assertAll(messageId,
          () -> Expect.publishSpan(publish, "", queue),
          () -> acked(publish),
          () -> multipleAsTheApplicationSawIt(publish, confirmation));
    }
  }

  /**
   * A queue that holds one message and rejects publishes beyond it: the first publish is acked,
   * the other two nacked, and the application's own confirm handling sees exactly that.
   */
  @ParameterizedTest(name = "application waits with: {0}")
  @ValueSource(strings = {"listener", "callback", "wait"})
  void aNackedPublishIsAnErrorAndTheApplicationStillSeesEveryConfirm(String confirm) {
    String queue = broker.freshQueue("confirm-full",
        Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
    String service = "confirm-nack-" + confirm + "-" + id;
    String prefix = "cn-" + id;

    AgentJvm.Result app = Expect.exitedNormally(withAgent(Confirms.class, service)
        .args("--queue=" + queue, "--count=3", "--id-prefix=" + prefix, "--confirm=" + confirm)
        .run(APP_TIMEOUT));
    Map<String, Confirmation> confirmations = confirmations(app);
    if ("wait".equals(confirm)) {
      assertEquals(List.of("false"), app.linesStartingWith("ALL-ACKED"), app::describe);
    } else {
      Map<String, String> seen = new TreeMap<>();
      confirmations.forEach((messageId, confirmation) ->
          seen.put(messageId, confirmation.outcome() + " " + confirmation.seq()));
      assertEquals(Map.of(
              prefix + "-1", "ACKED 1",
              prefix + "-2", "NACKED 2",
              prefix + "-3", "NACKED 3"),
          seen, app::describe);
    }

    Map<String, ZipkinSpan> publishes = spansById(service, 3, app);
    ZipkinSpan first = publishes.get(prefix + "-1");
    assertNotNull(first, () -> "no publish span for the first message: " + publishes);
    assertAll(
        () -> Expect.publishSpan(first, "", queue),
        () -> acked(first),
        () -> {
          for (int n = 2; n <= 3; n++) {
            ZipkinSpan nacked = publishes.get(prefix + "-" + n);
            assertNotNull(nacked, "no publish span for message " + n);
            Expect.publishSpan(nacked, "", queue);
            nacked(nacked);
          }
        },
        () -> {
          for (Map.Entry<String, Confirmation> seen : confirmations.entrySet()) {
            multipleAsTheApplicationSawIt(publishes.get(seen.getKey()), seen.getValue());
          }
        });
  }

  /** Without confirm mode there is nothing to wait for: no confirm tags at all. */
  @Test
  void withoutConfirmModeAPublishSpanHasNoConfirmTags() {
    String queue = broker.freshQueue("unconfirmed-mode");
    String service = "no-confirms-" + id;
    String prefix = "nc-" + id;

    AgentJvm.Result app = Expect.exitedNormally(withAgent(Confirms.class, service)
        .args("--queue=" + queue, "--count=2", "--id-prefix=" + prefix, "--confirm=none")
        .run(APP_TIMEOUT));
    assertEquals(2, Expect.sent(app).size(), app::describe);

    Map<String, ZipkinSpan> publishes = spansById(service, 2, app);
    for (ZipkinSpan publish : publishes.values()) {
      assertAll(publish.toString(),
          () -> Expect.publishSpan(publish, "", queue),
          () -> assertNull(publish.tag(CONFIRM), "confirm tag without confirm mode"),
          () -> assertNull(publish.tag(CONFIRM_MULTIPLE), "confirm.multiple without confirm mode"),
          () -> assertFalse(publish.tags().containsKey("error"), "error tag"));
    }
  }

  /**
   * A publish to an exchange that does not exist: the broker closes the channel instead of
   * confirming it, so its span ends unconfirmed when the channel is gone.
   */
  @Test
  void aPublishTheBrokerNeverConfirmsEndsUnconfirmedWhenItsChannelCloses() {
    String exchange = "missing-" + id;
    String service = "confirm-never-" + id;
    String prefix = "cu-" + id;

    AgentJvm.Result app = Expect.exitedNormally(withAgent(Confirms.class, service)
        .args("--exchange=" + exchange, "--routing-key=anything", "--count=1",
            "--id-prefix=" + prefix, "--confirm=listener")
        .run(APP_TIMEOUT));
    assertEquals(List.of("404"), app.linesStartingWith("CHANNEL-CLOSED"), app::describe);
    assertTrue(confirmations(app).isEmpty(), app::describe);

    Map<String, ZipkinSpan> publishes = spansById(service, 1, app);
    ZipkinSpan publish = publishes.get(prefix + "-1");
    assertNotNull(publish, () -> "no publish span: " + publishes);
    assertAll(
        () -> Expect.publishSpan(publish, exchange, "anything"),
        () -> assertEquals("unconfirmed", publish.tag(CONFIRM), publish::toString),
        () -> callDuration(publish));
  }

  /** Acked: no error, and the call's own duration, which the span lasts at least. */
  static void acked(ZipkinSpan publish) {
    assertAll(publish.toString(),
        () -> assertEquals("ack", publish.tag(CONFIRM), "confirm"),
        () -> assertFalse(publish.tags().containsKey("error"), "error tag on an acked publish"),
        () -> callDuration(publish));
  }

  static void nacked(ZipkinSpan publish) {
    assertAll(publish.toString(),
        () -> assertEquals("nack", publish.tag(CONFIRM), "confirm"),
        () -> assertTrue(publish.tags().containsKey("error"), "error tag on a nacked publish"),
        () -> assertEquals("nack", publish.tag("error.type"), "error.type"),
        () -> callDuration(publish));
  }

  /**
   * The basicPublish call's own duration in microseconds: a non-negative integer, never longer
   * than the span (which also waits for the confirm); 1 µs of slack for rounding.
   */
  static void callDuration(ZipkinSpan publish) {
    String value = publish.tag(CALL_DURATION);
    assertNotNull(value, () -> "no " + CALL_DURATION + " on " + publish);
    assertTrue(value.matches("\\d+"), () -> CALL_DURATION + " is not a non-negative integer: "
        + publish);
    assertTrue(Long.parseLong(value) <= publish.duration() + 1,
        () -> "the call lasted longer than its span: " + publish + " duration="
            + publish.duration());
  }

  /**
   * {@code confirm.multiple=true} exactly on the publishes the application saw settled by a
   * confirm with multiple=true (absent, or anything but true, on the others).
   */
  static void multipleAsTheApplicationSawIt(ZipkinSpan publish, Confirmation confirmation) {
    if (confirmation.multiple()) {
      assertEquals("true", publish.tag(CONFIRM_MULTIPLE),
          () -> "the application saw a multiple " + confirmation.outcome() + ": " + publish);
    } else {
      assertNotEquals("true", publish.tag(CONFIRM_MULTIPLE),
          () -> "the application saw a single " + confirmation.outcome() + ": " + publish);
    }
  }

  /** How one publish was confirmed, as the application's listener printed it. */
  record Confirmation(String outcome, long seq, boolean multiple) {}

  /** The application's ACKED and NACKED lines by message id; fails on a message confirmed twice. */
  static Map<String, Confirmation> confirmations(AgentJvm.Result app) {
    Map<String, Confirmation> result = new HashMap<>();
    for (String outcome : List.of("ACKED", "NACKED")) {
      for (String line : app.linesStartingWith(outcome)) {
        String[] parts = line.split(" "); // <seq> <message id> <multiple>
        Confirmation previous = result.put(parts[1],
            new Confirmation(outcome, Long.parseLong(parts[0]), Boolean.parseBoolean(parts[2])));
        assertNull(previous, () -> parts[1] + " confirmed twice:\n" + app.describe());
      }
    }
    return result;
  }
}
