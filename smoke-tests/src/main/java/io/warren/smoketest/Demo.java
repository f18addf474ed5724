package io.warren.smoketest;

import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.Broker;
import io.warren.smoketest.harness.Jars;
import io.warren.smoketest.harness.Ports;
import io.warren.smoketest.harness.TraceTree;
import io.warren.smoketest.harness.ZipkinClient;
import io.warren.smoketest.harness.ZipkinServer;
import io.warren.smoketest.harness.ZipkinSpan;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The demo behind {@code smoke-tests/demo.sh}: starts Zipkin, runs item-subscriptions (publishes
 * to task_queue) and notifications (consumes it) with the agent, and prints the traces Zipkin
 * recorded. Run from the repository root after {@code mvn -DskipTests package}.
 *
 * <p>Options: {@code --keep-zipkin} leaves Zipkin running at the end; {@code --messages=N}.
 */
public final class Demo {
  private static final String QUEUE = "task_queue";
  private static final Duration APP_TIMEOUT = Duration.ofSeconds(90);

  private Demo() {}

  public static void main(String[] args) throws IOException {
    boolean keepZipkin = List.of(args).contains("--keep-zipkin")
        || "1".equals(System.getenv("KEEP_ZIPKIN"));
    int messages = 3;
    for (String arg : args) {
      if (arg.startsWith("--messages=")) {
        messages = Integer.parseInt(arg.substring("--messages=".length()));
      }
    }
    Path root = Files.isDirectory(Path.of("smoke-tests")) ? Path.of("") : Path.of("..");
    Path agentJar = root.resolve("agent/target/warren-agent.jar").toAbsolutePath().normalize();
    Path target = root.resolve("smoke-tests/target").toAbsolutePath().normalize();
    Path logs = target.resolve("demo-logs");
    String classpath = target.resolve("classes") + java.io.File.pathSeparator
        + Files.readString(target.resolve("app-classpath.txt")).trim();

    int port = Ports.isOpen(9411) ? Ports.freePort() : 9411;
    step("Starting Zipkin on 127.0.0.1:" + port + " (log: " + logs.resolve("zipkin.log") + ")");
    ZipkinServer zipkin = ZipkinServer.start(target.resolve("zipkin/zipkin-server.jar"),
        logs.resolve("zipkin.log"), port);
    boolean ok = false;
    try {
      ok = run(zipkin, agentJar, classpath, logs, messages);
    } finally {
      if (keepZipkin) {
        step("Zipkin keeps running at " + zipkin.baseUrl() + "/zipkin/ (pid " + zipkin.pid()
            + "); stop it with: kill " + zipkin.pid());
      } else {
        zipkin.close();
        step("Zipkin stopped. To keep it running and browse the UI: smoke-tests/demo.sh --keep-zipkin");
      }
    }
    if (!ok) {
      System.exit(1);
    }
  }

  private static boolean run(ZipkinServer zipkin, Path agentJar, String classpath, Path logs,
      int messages) {
    try (Broker broker = Broker.connect()) {
      broker.declareDurable(QUEUE, false);
      broker.purge(QUEUE);
    }
    step("Running notifications (consumer) and item-subscriptions (producer) with -javaagent:"
        + agentJar);
    // The consumer logs a line per message through SLF4J and Logback 1.2 (for the SLF4J 1.7 on
    // the app's class path); the agent adds the ids.
    String logback = Jars.classpathOf(logs.resolveSibling("logback").resolve("1.2.13"));
    AgentJvm.Running consumer = app("io.warren.smoketest.apps.LogbackNotifications",
        "notifications", zipkin, agentJar, logback + File.pathSeparator + classpath, logs)
        .args("--queue=" + QUEUE, "--count=" + messages)
        .start();
    AgentJvm.Result producer = app("io.warren.smoketest.apps.ItemSubscriptions",
        "item-subscriptions", zipkin, agentJar, classpath, logs)
        .args("--queue=" + QUEUE, "--count=" + messages).run(APP_TIMEOUT);
    AgentJvm.Result consumed = consumer.awaitExit(APP_TIMEOUT);
    for (AgentJvm.Result result : List.of(producer, consumed)) {
      if (result.exitCode() != 0) {
        System.out.println("FAILED: " + result.describe());
        return false;
      }
    }
    List<String> logged = consumed.linesStartingWith("LOG").stream()
        .filter(line -> line.contains("handled")).toList();
    System.out.println("  item-subscriptions published " + producer.linesStartingWith("SENT").size()
        + " messages to " + QUEUE + "; notifications handled " + logged.size() + " (logs: " + logs
        + ")");
    step("What notifications logged (Logback pattern \"LOG %X{trace_id}|%X{span_id}|"
        + "%X{trace_flags}|%X{app.user}|%m\"; its code sets none of the ids)");
    logged.forEach(line -> System.out.println("  " + line));

    step("Traces in Zipkin (" + zipkin.baseUrl() + "/api/v2/traces?serviceName=notifications)");
    ZipkinClient client = zipkin.client();
    List<ZipkinSpan> processed = client.awaitSpans("notifications", messages);
    Set<String> traceIds = new LinkedHashSet<>();
    processed.stream().sorted(java.util.Comparator.comparingLong(ZipkinSpan::timestamp))
        .forEach(span -> traceIds.add(span.traceId()));
    if (traceIds.isEmpty()) {
      System.out.println("FAILED: Zipkin received no spans from notifications; see " + logs);
      return false;
    }
    boolean joined = true;
    for (String traceId : traceIds) {
      List<ZipkinSpan> trace = client.awaitTrace(traceId, 2);
      Set<String> services = new LinkedHashSet<>();
      trace.forEach(span -> services.add(span.localServiceName()));
      joined &= services.contains("item-subscriptions") && services.contains("notifications");
      System.out.println();
      System.out.print(TraceTree.render(trace));
    }
    System.out.println();
    System.out.println(joined
        ? "Each trace holds the publish span of item-subscriptions and the process span of"
            + " notifications."
        : "WARNING: some traces do not contain spans from both services.");
    String first = traceIds.iterator().next();
    step("Open in the Zipkin UI: " + zipkin.uiTraceUrl(first));
    System.out.println("  dependency graph: " + zipkin.baseUrl() + "/zipkin/dependency");
    return joined;
  }

  private static AgentJvm app(String mainClass, String service, ZipkinServer zipkin,
      Path agentJar, String classpath, Path logs) {
    return AgentJvm.app(mainClass)
        .name(service)
        .agent(agentJar)
        .serviceName(service)
        .zipkinEndpoint(zipkin.spansEndpoint())
        .property("otel.bsp.schedule.delay", "200")
        .classpath(classpath)
        .logDir(logs);
  }

  private static void step(String message) {
    System.out.println("==> " + message);
  }
}
