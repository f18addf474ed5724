package io.warren.smoketest;

import io.warren.smoketest.harness.ZipkinServer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One Zipkin server for the whole test run, started on first use and stopped at the end. */
final class SharedZipkin implements BeforeAllCallback {
  private static volatile ZipkinServer server;

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(
        SharedZipkin.class.getName(), key -> new Resource(), Resource.class);
  }

  static ZipkinServer server() {
    if (server == null) {
      throw new IllegalStateException("SharedZipkin extension not registered");
    }
    return server;
  }

  private static final class Resource implements ExtensionContext.Store.CloseableResource {
    Resource() {
      server = ZipkinServer.start(SmokeEnv.zipkinJar(), SmokeEnv.logsDir().resolve("zipkin.log"));
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
