package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.Burst;
import io.warren.smoketest.apps.ItemSubscriptions;
import io.warren.smoketest.apps.Notifications;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.OtlpReceiver;
import io.warren.smoketest.harness.SilentHttpServer;
import io.warren.smoketest.harness.TestCertificate;
import io.warren.smoketest.harness.ZipkinBulk;
import io.warren.smoketest.harness.ZipkinSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code otel.traces.exporter=zipkin,otlp}: the same spans reach Zipkin and an OTLP/HTTP
 * receiver; an OTLP endpoint that never answers costs Zipkin nothing.
 */
class OtlpExportIT extends SmokeTestBase {
  private static final int MESSAGES = 3;
  private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration BURST_TIMEOUT = Duration.ofMinutes(3);

  /**
   * Over https with a test certificate, trusted by the consumer through
   * {@code otel.exporter.otlp.certificate} and by the producer through the JVM's trust store
   * ({@code javax.net.ssl.trustStore}), with an API key header and {@code warren.debug}: the
   * receiver gets the key, nothing the applications print shows it.
   */
  @Test
  void zipkinAndOtlpReceiveTheSameTraces() {
    String secret = "secret-" + UUID.randomUUID();
    TestCertificate certificate = TestCertificate.generate(logDir.resolve("tls"));
    try (OtlpReceiver otlp = OtlpReceiver.startHttps(certificate)) {
      String queue = broker.freshQueue("otlp_queue");
      String producerService = "otlp-producer-" + id;
      String consumerService = "otlp-consumer-" + id;

      AgentJvm.Running consumer = toBoth(withAgent(Notifications.class, consumerService), otlp)
          .property("otel.exporter.otlp.certificate", certificate.pem().toString())
          .property("otel.exporter.otlp.headers", "x-api-key=" + secret)
          .property("warren.debug", "true")
          .args("--queue=" + queue, "--count=" + MESSAGES).start();
      AgentJvm.Result producer = Expect.exitedNormally(
          toBoth(withAgent(ItemSubscriptions.class, producerService), otlp)
              .property("javax.net.ssl.trustStore", certificate.trustStore().toString())
              .property("javax.net.ssl.trustStorePassword", certificate.trustStorePassword())
              .property("otel.exporter.otlp.headers", "x-api-key=" + secret)
              .property("warren.debug", "true")
              .args("--queue=" + queue, "--count=" + MESSAGES, "--id-prefix=o-" + id)
              .run(APP_TIMEOUT));
      AgentJvm.Result consumed = Expect.exitedNormally(consumer.awaitExit(APP_TIMEOUT));
      Expect.deliveredUnchanged(Expect.sent(producer), Expect.received(consumed));

      List<ZipkinSpan> zipkinSpans = Stream.concat(
          spansById(producerService, MESSAGES, producer).values().stream(),
          spansById(consumerService, MESSAGES, consumed).values().stream()).toList();
      List<ZipkinSpan> otlpSpans = Stream.concat(
          otlp.awaitSpans(producerService, MESSAGES, RECEIVE_TIMEOUT).stream(),
          otlp.awaitSpans(consumerService, MESSAGES, RECEIVE_TIMEOUT).stream()).toList();
      assertEquals(2 * MESSAGES, otlpSpans.size(), () -> "OTLP spans:\n" + Expect.lines(otlpSpans)
          + "\n" + producer.describe() + "\n" + consumed.describe());
      Map<String, ZipkinSpan> otlpById = Expect.byMessageId(otlpSpans.stream()
          .filter(s -> s.localServiceName().equals(producerService)).toList());
      for (ZipkinSpan inZipkin : zipkinSpans) {
        ZipkinSpan inOtlp = otlpSpans.stream().filter(s -> s.id().equals(inZipkin.id()))
            .findFirst().orElse(null);
        assertNotNull(inOtlp, () -> "not received over OTLP: " + inZipkin);
        assertAll(inZipkin.toString(),
            () -> assertEquals(inZipkin.traceId(), inOtlp.traceId(), "trace id"),
            () -> assertEquals(inZipkin.parentId(), inOtlp.parentId(), "parent"),
            () -> assertEquals(inZipkin.kind(), inOtlp.kind(), "kind"),
            () -> assertEquals(inZipkin.name(), inOtlp.name(), "name"),
            () -> assertEquals(inZipkin.localServiceName(), inOtlp.localServiceName(),
                "service.name of the resource"));
      }
      // Parent links across the two services: each process span is the child of its publish.
      for (ZipkinSpan process : otlp.spansOf(consumerService)) {
        ZipkinSpan publish = otlpById.get(process.tag("messaging.message.id"));
        assertNotNull(publish, () -> "no publish for " + process);
        Expect.childOf(publish, process);
      }

      assertFalse(otlp.requestHeaders().isEmpty());
      for (Map<String, List<String>> headers : otlp.requestHeaders()) {
        assertEquals(List.of(secret), headers.get("x-api-key"), headers::toString);
      }
      for (AgentJvm.Result app : List.of(producer, consumed)) {
        assertFalse(Stream.concat(app.stdout().stream(), app.stderr().stream())
            .anyMatch(line -> line.contains(secret)), () -> "the secret was printed\n" + app.describe());
        // The debug output does describe the export, header names included: the check above
        // looked at real output about it.
        List<String> described = AgentLog.containing(app, "exporting spans to OTLP at "
            + otlp.tracesEndpoint());
        assertEquals(1, described.size(), app::describe);
        assertTrue(described.get(0).contains("x-api-key=***"), described.get(0));
        assertEquals(List.of(), AgentLog.warnings(app), app::describe);
      }
    }
  }

  /**
   * The OTLP endpoint accepts connections and never answers (each export waits 2 s for nothing)
   * while 10 000 spans go by: Zipkin still gets every one of them, and the exit report names the
   * OTLP exporter alone. Behind one queue shared with OTLP, Zipkin would get a batch every 2 s.
   */
  @Test
  void aSilentOtlpEndpointCostsZipkinNothing() {
    int messages = 5_000;
    try (SilentHttpServer silent = SilentHttpServer.start()) {
      String service = "otlp-silent-" + id;
      AgentJvm.Result traced = Expect.exitedNormally(silentOtlp(withAgent(Burst.class, service), silent)
          .property("otel.traces.exporter", "zipkin,otlp")
          .args("--queue=" + broker.freshQueue("otlp-silent"), "--count=" + messages,
              "--id-prefix=silent-" + id).run(BURST_TIMEOUT));
      assertEquals(List.of(Integer.toString(messages)), traced.linesStartingWith("DELIVERED"),
          traced::describe);

      // A publish and a process span per message, all in Zipkin.
      List<ZipkinSpan> inZipkin = new ZipkinBulk(zipkin().baseUrl())
          .awaitSpans(service, 2 * messages, RECEIVE_TIMEOUT, Duration.ZERO);
      assertEquals(2 * messages, inZipkin.size(), traced::describe);
      assertOneOutageLine(traced, silent);
      List<String> lost = AgentLog.containing(traced, "spans were not exported");
      assertEquals(1, lost.size(), traced::describe);
      assertTrue(lost.get(0).contains("by the otlp exporter"), lost.get(0));
    }
  }

  /**
   * A burst of 40 000 spans, ten times the span queue, towards an OTLP endpoint that never
   * answers: the heap stays about what it is without the agent (a queue without bound would
   * hold some 80 MB of spans), the outage is one line, and the spans dropped are counted once.
   */
  @Test
  void aSilentOtlpEndpointKeepsMemoryBounded() {
    int messages = ZipkinDownBurstIT.MESSAGES / 2;
    try (SilentHttpServer silent = SilentHttpServer.start()) {
      AgentJvm.Result plain = Expect.exitedNormally(withoutAgent(Burst.class)
          .name("otlp-burst-no-agent")
          .args("--queue=" + broker.freshQueue("otlp-plain"), "--count=" + messages,
              "--id-prefix=plain-" + id).run(BURST_TIMEOUT));
      AgentJvm.Result traced = Expect.exitedNormally(
          silentOtlp(withAgent(Burst.class, "otlp-burst-" + id), silent)
              .property("otel.traces.exporter", "otlp")
              .property("otel.bsp.max.queue.size", "4096")
              .args("--queue=" + broker.freshQueue("otlp-burst"), "--count=" + messages,
                  "--id-prefix=burst-" + id).run(BURST_TIMEOUT));
      assertEquals(List.of(Integer.toString(messages)), traced.linesStartingWith("DELIVERED"),
          traced::describe);

      long plainHeap = ZipkinDownBurstIT.heap(plain);
      long tracedHeap = ZipkinDownBurstIT.heap(traced);
      System.out.printf("heap after the burst: %d MiB with the agent (OTLP silent), %d MiB without%n",
          tracedHeap >> 20, plainHeap >> 20);
      assertTrue(tracedHeap <= plainHeap + ZipkinDownBurstIT.HEAP_ALLOWANCE, () -> "heap with the "
          + "agent " + (tracedHeap >> 20) + " MiB vs " + (plainHeap >> 20) + " MiB without\n"
          + traced.describe());
      assertOneOutageLine(traced, silent);
      List<String> lost = AgentLog.containing(traced, "spans were not exported");
      System.out.println("loss summary: " + lost);
      assertEquals(1, lost.size(), traced::describe);
      assertTrue(lost.get(0).contains("dropped because its export queue"), lost.get(0));
    }
  }

  private static AgentJvm silentOtlp(AgentJvm jvm, SilentHttpServer silent) {
    return jvm.property("otel.exporter.otlp.endpoint", "http://127.0.0.1:" + silent.port())
        .property("otel.exporter.otlp.timeout", "2s");
  }

  private static void assertOneOutageLine(AgentJvm.Result traced, SilentHttpServer silent) {
    assertTrue(silent.bytesRead() > 0, "the agent never tried to export to the silent endpoint");
    List<String> outage = AgentLog.containing(traced, "cannot send spans to");
    assertEquals(1, outage.size(), () -> String.join("\n", outage) + "\n" + traced.describe());
    assertTrue(outage.get(0).contains("OTLP at http://127.0.0.1:" + silent.port() + "/v1/traces"),
        outage.get(0));
  }

  private static AgentJvm toBoth(AgentJvm jvm, OtlpReceiver otlp) {
    return jvm.property("otel.traces.exporter", "zipkin,otlp")
        .property("otel.exporter.otlp.endpoint", otlp.endpoint());
  }
}
