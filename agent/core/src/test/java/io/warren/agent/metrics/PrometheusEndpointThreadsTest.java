package io.warren.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.warren.bootstrap.AgentThreads;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A scrape must never be traced or counted: it is answered on the agent's own threads. */
class PrometheusEndpointThreadsTest {

  @Test
  void scrapesAreAnsweredOnTheAgentsOwnThreads() throws Exception {
    int port = freePort();
    PrometheusReader reader = PrometheusReader.start(DefaultConfigProperties.createFromMap(
        Map.of(PrometheusReader.HOST, "127.0.0.1", PrometheusReader.PORT, String.valueOf(port))));
    List<Boolean> agentThread = new CopyOnWriteArrayList<Boolean>();
    reader.register(new io.opentelemetry.sdk.metrics.export.CollectionRegistration() {
      @Override
      public java.util.Collection<io.opentelemetry.sdk.metrics.data.MetricData> collectAllMetrics() {
        agentThread.add(AgentThreads.isCurrent());
        return List.of();
      }
    });
    try {
      HttpResponse<String> scrape = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, scrape.statusCode());
      assertEquals("", scrape.body(), "no metrics yet: nothing, not even target_info");
      assertEquals(List.of(true), agentThread);
    } finally {
      reader.shutdown();
    }
    try (ServerSocket again = new ServerSocket(port)) {
      assertTrue(again.isBound(), "the port is free again after shutdown");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
