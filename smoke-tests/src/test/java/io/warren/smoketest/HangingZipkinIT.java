package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.Burst;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.SilentHttpServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A "Zipkin" that accepts connections and never answers: exporting hangs until the exporter's
 * 30 s timeout, and the application's publishing must not notice.
 */
class HangingZipkinIT extends SmokeTestBase {
  private static final int MESSAGES = 20_000;
  /** A publish blocked behind the exporter would take ~30 s; anything under 5 s is not that. */
  private static final long MAX_PUBLISH_MS = 5_000;

  @Test
  void publishingNeverWaitsForAHangingZipkin() {
    try (SilentHttpServer silent = SilentHttpServer.start()) {
      AgentJvm.Result result = Expect.exitedNormally(withAgent(Burst.class, "hanging-" + id)
          .zipkinEndpoint(silent.spansEndpoint())
          .property("otel.exporter.zipkin.timeout", "30s")
          .args("--queue=" + broker.freshQueue("hanging"), "--count=" + MESSAGES,
              "--id-prefix=h-" + id)
          .run(Duration.ofMinutes(3)));

      assertEquals(List.of(Integer.toString(MESSAGES)), result.linesStartingWith("DELIVERED"),
          result::describe);
      long maxPublishMs = Long.parseLong(result.linesStartingWith("MAX-PUBLISH-MS").get(0));
      System.out.println("slowest publish with a hanging Zipkin: " + maxPublishMs + " ms; run "
          + result.elapsed().toMillis() + " ms; " + silent.connections() + " connection(s), "
          + silent.bytesRead() + " bytes sent to it");
      assertTrue(maxPublishMs < MAX_PUBLISH_MS, () -> "slowest publish took " + maxPublishMs
          + " ms\n" + result.describe());
      assertTrue(silent.bytesRead() > 0, "the agent never tried to export to the silent server");
    }
  }
}
