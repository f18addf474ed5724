package io.warren.smoketest;

import io.warren.smoketest.harness.PrometheusServer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One Prometheus server for the whole test run, started on first use and stopped at the end. */
final class SharedPrometheus implements BeforeAllCallback {
  private static volatile PrometheusServer server;

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(
        SharedPrometheus.class.getName(), key -> new Resource(), Resource.class);
  }

  static PrometheusServer server() {
    if (server == null) {
      throw new IllegalStateException("SharedPrometheus extension not registered");
    }
    return server;
  }

  private static final class Resource implements ExtensionContext.Store.CloseableResource {
    Resource() {
      server = PrometheusServer.start(SmokeEnv.logsDir().resolve("prometheus"));
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
