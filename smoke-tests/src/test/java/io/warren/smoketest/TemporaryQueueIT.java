package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.ReplyQueue;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Server-named queues (amq.gen-...) appear as "(temporary)" in span names. */
class TemporaryQueueIT extends SmokeTestBase {

  @Test
  void generatedQueueNamesAreShownAsTemporary() {
    String service = "replies-" + id;
    AgentJvm.Result app = Expect.exitedNormally(withAgent(ReplyQueue.class, service)
        .args("--count=2", "--id-prefix=r-" + id).run(APP_TIMEOUT));
    String queue = app.linesStartingWith("QUEUE").get(0);
    assertTrue(queue.startsWith("amq.gen-"), queue);
    Expect.deliveredUnchanged(Expect.sent(app), Expect.received(app));

    List<ZipkinSpan> spans = zipkinClient().awaitSpans(service, 4);
    assertEquals(4, spans.size(), () -> Expect.lines(spans) + "\n" + app.describe());
    for (int n = 1; n <= 2; n++) {
      String messageId = "r-" + id + "-" + n;
      List<ZipkinSpan> ofMessage = spans.stream()
          .filter(s -> messageId.equals(s.tag("messaging.message.id"))).toList();
      Map<String, ZipkinSpan> byKind = Map.of(
          "PRODUCER", Expect.only(ofMessage, s -> "PRODUCER".equals(s.kind()), "publish"),
          "CONSUMER", Expect.only(ofMessage, s -> "CONSUMER".equals(s.kind()), "process"));
      assertEquals("publish amq.default:(temporary)", byKind.get("PRODUCER").name());
      assertEquals("process (temporary)", byKind.get("CONSUMER").name());
      childOf(byKind.get("PRODUCER"), byKind.get("CONSUMER"));
    }
  }
}
