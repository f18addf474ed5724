package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warren.smoketest.apps.ItemSubscriptions;
import io.warren.smoketest.apps.Notifications;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code otel.exporter.zipkin.compression=gzip}: the real Zipkin reads the compressed batches. */
class ZipkinGzipIT extends SmokeTestBase {

  @Test
  void gzipCompressedSpansReachZipkinWhole() {
    String queue = broker.freshQueue("gzip");
    String producerService = "gzip-producer-" + id;
    String consumerService = "gzip-consumer-" + id;

    AgentJvm.Result producer = Expect.exitedNormally(withAgent(ItemSubscriptions.class,
        producerService).property("otel.exporter.zipkin.compression", "gzip")
        .args("--queue=" + queue, "--count=2", "--id-prefix=g-" + id).run(APP_TIMEOUT));
    AgentJvm.Result consumer = Expect.exitedNormally(withAgent(Notifications.class,
        consumerService).property("otel.exporter.zipkin.compression", "gzip")
        .args("--queue=" + queue, "--count=2").run(APP_TIMEOUT));
    Expect.deliveredUnchanged(Expect.sent(producer), Expect.received(consumer));

    List<ZipkinSpan> publishes = zipkinClient().awaitSpans(producerService, 2);
    List<ZipkinSpan> processes = zipkinClient().awaitSpans(consumerService, 2);
    assertEquals(2, publishes.size(), () -> Expect.lines(publishes) + "\n" + producer.describe());
    assertEquals(2, processes.size(), () -> Expect.lines(processes) + "\n" + consumer.describe());
    for (ZipkinSpan process : processes) {
      ZipkinSpan publish = publishes.stream()
          .filter(p -> p.id().equals(process.parentId())).findFirst()
          .orElseThrow(() -> new AssertionError("no publish is the parent of " + process));
      assertAll(
          () -> childOf(publish, process),
          () -> Expect.publishSpan(publish, "", queue),
          () -> Expect.processSpan(process, queue));
    }
  }
}
