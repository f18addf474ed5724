package io.warren.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WarrenDefaultsTest {

  private String command;
  private String serviceName;

  @BeforeEach
  void saveProperties() {
    command = System.getProperty("sun.java.command");
    serviceName = System.getProperty("otel.service.name");
  }

  @AfterEach
  void restoreProperties() {
    restore("sun.java.command", command);
    restore("otel.service.name", serviceName);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "com.example.orders.OrderService --port 8080 | OrderService",
        "Worker                                      | Worker",
        "/opt/app/orders-1.2.jar --spring.profiles=x | orders-1.2",
        "C:\\apps\\billing.jar                        | billing",
        "''                                          | unknown_service:java"
      })
  void serviceIsNamedAfterTheMainClassOrJar(String commandLine, String name) {
    System.setProperty("sun.java.command", commandLine);

    assertEquals(name, WarrenDefaults.serviceNameFromCommandLine());
  }

  @Test
  void defaultsExportTracesOnlyToZipkin() {
    assumeTrue(System.getenv("OTEL_SERVICE_NAME") == null, "service named in the environment");
    assumeTrue(System.getenv("OTEL_RESOURCE_ATTRIBUTES") == null, "service named in the environment");
    System.clearProperty("otel.service.name");
    System.setProperty("sun.java.command", "com.example.OrderService");
    Map<String, String> defaults = WarrenDefaults.properties();

    assertEquals("zipkin", defaults.get("otel.traces.exporter"));
    assertEquals("none", defaults.get("otel.metrics.exporter"));
    assertEquals("none", defaults.get("otel.logs.exporter"));
    assertEquals(
        String.valueOf(WarrenDefaults.queueSizeFor(Runtime.getRuntime().maxMemory())),
        defaults.get("otel.bsp.max.queue.size"));
    assertEquals("OrderService", defaults.get("otel.service.name"));
  }

  @Test
  void serviceNameSetByTheUserIsNotOverridden() {
    System.setProperty("otel.service.name", "orders");

    assertFalse(WarrenDefaults.properties().containsKey("otel.service.name"));
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  @Test
  void queueTakesAnEighthOfTheHeapWithinBounds() {
    long mib = 1024 * 1024;
    assertEquals(32768, WarrenDefaults.queueSizeFor(256 * mib));
    assertEquals(32768, WarrenDefaults.queueSizeFor(16 * 1024 * mib));
    assertEquals(8192, WarrenDefaults.queueSizeFor(64 * mib));
    assertEquals(2048, WarrenDefaults.queueSizeFor(8 * mib));
  }
}
