package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.RefusedPublish;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A publish to an exchange that does not exist: the broker closes the channel (404, naming
 * basic.publish) and drops the message. Zipkin shows the loss as an error with the broker's reply:
 * in confirm mode on the publish span itself, without confirms on a {@code publish refused} span
 * under it.
 */
class RefusedPublishIT extends SmokeTestBase {

  @ParameterizedTest(name = "confirm mode: {0}")
  @ValueSource(booleans = {false, true})
  void aRefusedPublishIsAnErrorWithTheBrokersReplyInZipkin(boolean confirms) {
    String exchange = "missing-" + id;
    String service = "refused-publish-" + id + "-" + confirms;
    String messageId = "order-" + id;
    String brokerText = "NOT_FOUND - no exchange '" + exchange + "' in vhost '/'";

    AgentJvm.Result result = Expect.exitedNormally(withAgent(RefusedPublish.class, service)
        .args("--exchange=" + exchange, "--id=" + messageId, "--confirms=" + confirms)
        .run(APP_TIMEOUT));
    assertEquals(List.of("404 " + brokerText), result.linesStartingWith("CLOSED"),
        result::describe);

    List<ZipkinSpan> spans = zipkinClient().awaitSpans(service, confirms ? 1 : 2);
    ZipkinSpan publish = Expect.only(spans,
        s -> "PRODUCER".equals(s.kind()) && messageId.equals(s.tag("messaging.message.id")),
        "publish of " + messageId);
    Expect.publishSpan(publish, exchange, "orders.created");
    if (confirms) {
      assertEquals(1, spans.size(), () -> "no span besides the publish:\n" + Expect.lines(spans));
      assertAll("publish " + publish,
          () -> assertEquals("unconfirmed", publish.tag("messaging.rabbitmq.confirm")),
          () -> assertEquals("channel closed", publish.tag("messaging.rabbitmq.confirm.reason")),
          () -> assertRefusal(publish, brokerText));
    } else {
      assertEquals(2, spans.size(), () -> Expect.lines(spans) + "\n" + result.describe());
      assertTrue(publish.tag("error") == null, () -> "the publish call succeeded: " + publish);
      ZipkinSpan refused = Expect.only(spans, s -> s.name().equals("publish refused"),
          "publish refused span");
      Expect.childOf(publish, refused);
      assertRefusal(refused, brokerText);
    }
  }

  private static void assertRefusal(ZipkinSpan span, String brokerText) {
    assertAll("refusal on " + span,
        () -> assertEquals(brokerText, span.tag("error")),
        () -> assertEquals("404", span.tag("error.type")),
        () -> assertEquals("404", span.tag("messaging.rabbitmq.refused.reply_code")),
        () -> assertEquals(brokerText, span.tag("messaging.rabbitmq.refused.reply_text")));
  }
}
