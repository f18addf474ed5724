package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.UnroutableConfirmed;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mandatory messages nobody can receive, published on a channel in confirm mode: the publish span
 * is still open when the broker's return arrives (it comes before the ack), so the return is
 * recorded on the publish span itself, and there is no separate return span. A mandatory message
 * that does route is acked with no return. The application's own ReturnListener still gets every
 * returned message intact. (Without confirm mode, see {@link ReturnIT}.)
 */
class ConfirmReturnIT extends SmokeTestBase {

  @ParameterizedTest(name = "application listens for returns: {0}")
  @ValueSource(booleans = {true, false})
  void aReturnInConfirmModeIsRecordedOnItsPublishSpan(boolean listen) {
    String exchange = broker.freshExchange("unroutable-confirmed", "direct");
    String routedKey = "routed-" + id;
    String routedQueue = broker.freshQueue("routed");
    broker.bind(routedQueue, exchange, routedKey);
    String service = "unroutable-confirmed-" + id;
    String prefix = "rc-" + id;

    AgentJvm.Result result = Expect.exitedNormally(withAgent(UnroutableConfirmed.class, service)
        .args("--exchange=" + exchange, "--id-prefix=" + prefix, "--listen=" + listen,
            "--routed-key=" + routedKey)
        .run(APP_TIMEOUT));
    assertTrue(result.stdout().contains("CONFIRMED"), result::describe);
    if (listen) {
      assertEquals(List.of(prefix + "-1 312 body " + prefix + "-1",
              prefix + "-2 312 body " + prefix + "-2"),
          result.linesStartingWith("RETURNED").stream().sorted().toList(), result::describe);
    }
    assertEquals(1L, broker.messageCount(routedQueue), "the routed message reached its queue");

    // Three publishes, nothing else: a return span would be a fourth.
    List<ZipkinSpan> spans = zipkinClient().awaitSpans(service, 3);
    assertEquals(3, spans.size(), () -> Expect.lines(spans) + "\n" + result.describe());
    assertFalse(spans.stream().anyMatch(s -> s.name().startsWith("return ")),
        () -> "no return span in confirm mode:\n" + Expect.lines(spans));
    for (int n = 1; n <= 2; n++) {
      String messageId = prefix + "-" + n;
      ZipkinSpan publish = Expect.only(spans,
          s -> "PRODUCER".equals(s.kind()) && messageId.equals(s.tag("messaging.message.id")),
          "publish of " + messageId);
      assertAll(messageId,
          () -> Expect.publishSpan(publish, exchange, "nobody-listens"),
          () -> assertEquals("312", publish.tag("messaging.rabbitmq.return.reply_code")),
          () -> assertEquals("NO_ROUTE", publish.tag("messaging.rabbitmq.return.reply_text")),
          () -> assertEquals("ack", publish.tag("messaging.rabbitmq.confirm")));
    }
    String routedId = prefix + "-routed";
    ZipkinSpan routed = Expect.only(spans,
        s -> "PRODUCER".equals(s.kind()) && routedId.equals(s.tag("messaging.message.id")),
        "publish of the routed message");
    assertAll("routed " + routed,
        () -> Expect.publishSpan(routed, exchange, routedKey),
        () -> assertEquals("ack", routed.tag("messaging.rabbitmq.confirm")),
        () -> assertNull(routed.tag("messaging.rabbitmq.return.reply_code"), "reply code"),
        () -> assertNull(routed.tag("messaging.rabbitmq.return.reply_text"), "reply text"));
  }
}
