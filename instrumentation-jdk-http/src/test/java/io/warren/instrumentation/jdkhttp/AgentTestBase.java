package io.warren.instrumentation.jdkhttp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The module installed in this JVM, no spans yet, and a fresh {@link TestServer} per test. */
abstract class AgentTestBase {

  TestServer server;

  @BeforeAll
  static void agent() {
    AgentInThisJvm.install();
  }

  @BeforeEach
  void start() throws Exception {
    AgentInThisJvm.SPANS.reset();
    server = new TestServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }
}
