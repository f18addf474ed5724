package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warren.smoketest.apps.Unroutable;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mandatory messages nobody can receive come back from the broker: each return is a span under
 * its publish with the broker's reply, whether or not the application listens for returns, and
 * the application's own listener still gets every message intact.
 */
class ReturnIT extends SmokeTestBase {

  @ParameterizedTest(name = "application listens for returns: {0}")
  @ValueSource(booleans = {true, false})
  void aReturnedMessageIsInItsPublishersTrace(boolean listen) {
    String exchange = broker.freshExchange("unroutable", "direct");
    String service = "unroutable-" + id;
    String prefix = "ret-" + id;

    AgentJvm.Result result = Expect.exitedNormally(withAgent(Unroutable.class, service)
        .args("--exchange=" + exchange, "--id-prefix=" + prefix, "--listen=" + listen)
        .run(APP_TIMEOUT));
    if (listen) {
      assertEquals(List.of(prefix + "-1 312 body " + prefix + "-1", prefix + "-2 312 body " + prefix + "-2"),
          result.linesStartingWith("RETURNED").stream().sorted().toList(), result::describe);
    }

    List<ZipkinSpan> spans = zipkinClient().awaitSpans(service, 4);
    assertEquals(4, spans.size(), () -> Expect.lines(spans));
    for (int n = 1; n <= 2; n++) {
      String messageId = prefix + "-" + n;
      ZipkinSpan publish = Expect.only(spans,
          s -> "PRODUCER".equals(s.kind()) && messageId.equals(s.tag("messaging.message.id")),
          "publish of " + messageId);
      ZipkinSpan returned = Expect.only(spans,
          s -> "CONSUMER".equals(s.kind()) && messageId.equals(s.tag("messaging.message.id")),
          "return of " + messageId);
      assertAll(messageId,
          () -> childOf(publish, returned),
          () -> assertEquals("return " + exchange, returned.name()),
          () -> assertEquals("312", returned.tag("messaging.rabbitmq.return.reply_code")),
          () -> assertEquals("NO_ROUTE", returned.tag("messaging.rabbitmq.return.reply_text")));
    }
  }
}
