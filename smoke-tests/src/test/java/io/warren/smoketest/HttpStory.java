package io.warren.smoketest;

import static io.warren.smoketest.Expect.childOf;
import static io.warren.smoketest.Expect.only;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.Fulfilment;
import io.warren.smoketest.apps.Inventory;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.DependencyLink;
import io.warren.smoketest.harness.TraceTree;
import io.warren.smoketest.harness.ZipkinClient;
import io.warren.smoketest.harness.ZipkinSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;

/**
 * The order story over HTTP, as {@link HttpTracingIT} (the JDK's server) and {@link
 * SpringMvcHttpIT} (Spring MVC) tell it: a gateway answers {@code GET /orders/{id}} and publishes
 * the order, Fulfilment consumes it and asks Inventory about it over HTTP; each a JVM with the
 * agent. What the gateway is differs; the rest, and what its trace must be, is here.
 */
final class HttpStory {
  private HttpStory() {}

  /** The services of one story and their JVMs. */
  static final class Services {
    final String gateway;
    final String fulfilment;
    final String inventory;
    AgentJvm.Running gatewayJvm;
    AgentJvm.Running fulfilmentJvm;
    AgentJvm.Running inventoryJvm;
    int gatewayPort;

    Services(String gateway, String fulfilment, String inventory) {
      this.gateway = gateway;
      this.fulfilment = fulfilment;
      this.inventory = inventory;
    }

    void awaitExit(Duration timeout) {
      Expect.exitedNormally(gatewayJvm.awaitExit(timeout));
      Expect.exitedNormally(fulfilmentJvm.awaitExit(timeout));
      Expect.exitedNormally(inventoryJvm.awaitExit(timeout));
    }
  }

  /**
   * Starts Inventory (one request) and Fulfilment (one order from {@code queue}, asked about with
   * {@code client}), each made by {@code withAgent(app, serviceName)} and given {@code settings}.
   */
  static void startDownstream(Services services, BiFunction<Class<?>, String, AgentJvm> withAgent,
      String queue, String client, Map<String, String> settings, Duration timeout) {
    services.inventoryJvm = configured(withAgent.apply(Inventory.class, services.inventory), settings)
        .args("--requests=1").start();
    services.fulfilmentJvm = configured(withAgent.apply(Fulfilment.class, services.fulfilment), settings)
        .args("--queue=" + queue, "--count=1", "--client=" + client,
            "--inventory=http://127.0.0.1:" + port(services.inventoryJvm, timeout))
        .start();
  }

  static AgentJvm configured(AgentJvm jvm, Map<String, String> settings) {
    settings.forEach(jvm::property);
    return jvm;
  }

  /** The five spans of the story's one trace, every parent checked. */
  record Trace(String tree, ZipkinSpan server, ZipkinSpan publish, ZipkinSpan process, ZipkinSpan call,
      ZipkinSpan called) {}

  /**
   * The story's trace, {@code traceId}, as Zipkin has it: the gateway's SERVER span (whose parent
   * is the caller's {@code parentId}), its publish, Fulfilment's process span, its CLIENT span and
   * Inventory's SERVER span, each the child of the one before; and Fulfilment → Inventory in
   * Zipkin's dependency graph. The gateway's server span's name is the caller's to check.
   */
  static Trace assertOneTrace(ZipkinClient zipkin, Services services, String traceId, String parentId) {
    List<ZipkinSpan> trace = zipkin.awaitTrace(traceId, 5);
    String tree = TraceTree.render(trace);
    System.out.println(tree);
    ZipkinSpan server = only(trace, s -> services.gateway.equals(s.localServiceName()) && "SERVER".equals(s.kind()), "gateway server");
    ZipkinSpan publish = only(trace, s -> services.gateway.equals(s.localServiceName()) && "PRODUCER".equals(s.kind()), "publish");
    ZipkinSpan process = only(trace, s -> services.fulfilment.equals(s.localServiceName()) && "CONSUMER".equals(s.kind()), "process");
    ZipkinSpan call = only(trace, s -> services.fulfilment.equals(s.localServiceName()) && "CLIENT".equals(s.kind()), "call");
    ZipkinSpan called = only(trace, s -> services.inventory.equals(s.localServiceName()) && "SERVER".equals(s.kind()), "inventory server");
    assertAll(tree,
        () -> assertEquals(5, trace.size()),
        () -> assertEquals(parentId, server.parentId(), "the caller's span is the server span's parent"),
        () -> childOf(server, publish),
        () -> childOf(publish, process),
        () -> childOf(process, call),
        () -> childOf(call, called),
        () -> assertEquals("200", server.tag("http.response.status_code")),
        () -> assertEquals("get", call.name()),
        () -> assertEquals("GET", call.tag("http.request.method")),
        () -> assertEquals("200", call.tag("http.response.status_code")),
        () -> assertTrue(call.tag("url.full").startsWith("http://127.0.0.1:"), call.toString()),
        () -> assertEquals("200", called.tag("http.response.status_code")));
    List<DependencyLink> links = zipkin.awaitDependencies(l -> l.stream()
        .anyMatch(link -> link.parent().equals(services.fulfilment) && link.child().equals(services.inventory)));
    assertTrue(links.stream().anyMatch(link -> link.parent().equals(services.fulfilment)
        && link.child().equals(services.inventory)), () -> "dependency links: " + links);
    return new Trace(tree, server, publish, process, call, called);
  }

  /** The port of a service that printed {@code LISTENING <port> ...}. */
  static int port(AgentJvm.Running app, Duration timeout) {
    String listening = app.awaitLine("LISTENING ", timeout).substring("LISTENING ".length()).trim();
    return Integer.parseInt(listening.split("\\s+")[0]);
  }

  /** The {@code traceparent} header line of a sampled caller's span. */
  static String traceparent(String traceId, String parentId) {
    return "traceparent: 00-" + traceId + "-" + parentId + "-01";
  }

  static String hex(int digits) {
    StringBuilder hex = new StringBuilder();
    while (hex.length() < digits) {
      hex.append(Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE));
    }
    return hex.substring(0, digits);
  }
}
