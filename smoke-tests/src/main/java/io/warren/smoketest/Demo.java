package io.warren.smoketest;

import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.Broker;
import io.warren.smoketest.harness.EmbeddedBroker;
import io.warren.smoketest.harness.HeadlessChromium;
import io.warren.smoketest.harness.Jars;
import io.warren.smoketest.harness.Ports;
import io.warren.smoketest.harness.TraceTree;
import io.warren.smoketest.harness.ZipkinClient;
import io.warren.smoketest.harness.ZipkinServer;
import io.warren.smoketest.harness.ZipkinSpan;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The demo behind {@code smoke-tests/demo.sh}: starts Zipkin, runs three services with the agent,
 * item-subscriptions (HTTP {@code POST /subscriptions}, publishes to task_queue), notifications
 * (consumes it and calls mailer over HTTP) and mailer (HTTP {@code POST /send}), sends them the
 * customers' requests and prints the traces Zipkin recorded, one per request. Run from the
 * repository root after {@code mvn -DskipTests package}.
 *
 * <p>Options: {@code --amqp-port=N} (default 5672): the broker's port on 127.0.0.1; when nothing
 * answers there, an embedded AMQP 0-9-1 broker (Apache Qpid Broker-J) is started on it for the
 * run. {@code --keep-zipkin} leaves Zipkin running at the end; {@code --screenshot=FILE} writes a
 * PNG of the first trace's page in Zipkin's UI (headless Chromium); {@code --messages=N}, the
 * number of requests (one message each);
 * {@code --queue=NAME} (default task_queue); {@code --metrics} turns on the services' Prometheus
 * endpoints, scraped by a Prometheus of the demo's own (see {@link DemoMetrics}), and prints the
 * consumer's handling-time p99 from it; with it, {@code --metrics-screenshot=FILE} writes a PNG of
 * Prometheus's graph of that p99.
 */
public final class Demo {
  private static final Duration APP_TIMEOUT = Duration.ofSeconds(90);
  /** The services of one whole trace, one span each: server, publish, process, client, server. */
  private static final List<String> STORY = List.of("item-subscriptions", "item-subscriptions",
      "mailer", "notifications", "notifications");

  private Demo() {}

  public static void main(String[] args) throws IOException {
    boolean keepZipkin = List.of(args).contains("--keep-zipkin")
        || "1".equals(System.getenv("KEEP_ZIPKIN"));
    int messages = Integer.parseInt(option(args, "messages", "3"));
    int amqpPort = Integer.parseInt(option(args, "amqp-port", Integer.toString(Broker.PORT)));
    String queue = option(args, "queue", "task_queue");
    String screenshot = option(args, "screenshot", null);
    boolean withMetrics = List.of(args).contains("--metrics");
    String metricsScreenshot = option(args, "metrics-screenshot", null);
    Path root = Files.isDirectory(Path.of("smoke-tests")) ? Path.of("") : Path.of("..");
    Path agentJar = root.resolve("agent/target/warren-agent.jar").toAbsolutePath().normalize();
    Path target = root.resolve("smoke-tests/target").toAbsolutePath().normalize();
    Path logs = target.resolve("demo-logs");
    String classpath = target.resolve("classes") + java.io.File.pathSeparator
        + Files.readString(target.resolve("app-classpath.txt")).trim();

    EmbeddedBroker embedded = brokerUnlessOneAnswers(amqpPort, target.resolve("embedded-broker"));
    DemoMetrics metrics = withMetrics ? DemoMetrics.start(logs) : null;
    boolean ok;
    try {
      ok = withZipkin(target, logs, keepZipkin, zipkin -> {
        String traceId = run(zipkin, metrics, agentJar, classpath, logs, messages, amqpPort, queue);
        return traceId != null
            && (screenshot == null || screenshot(zipkin.uiTraceUrl(traceId), Path.of(screenshot),
                560, logs))
            && (metrics == null || metricsScreenshot == null || screenshot(
                metrics.graphUrl(DemoMetrics.handlingP99("notifications")), Path.of(metricsScreenshot), 900,
                logs));
      });
    } finally {
      if (metrics != null) {
        metrics.close();
      }
      if (embedded != null) {
        embedded.close();
        step("Embedded broker stopped.");
      }
    }
    if (!ok) {
      System.exit(1);
    }
  }

  /** Null if a broker answers on 127.0.0.1:{@code port}, else the embedded broker started there. */
  private static EmbeddedBroker brokerUnlessOneAnswers(int port, Path workDir) {
    if (Ports.isOpen(port)) {
      step("Using the AMQP broker that answers on 127.0.0.1:" + port);
      return null;
    }
    step("Nothing answers on 127.0.0.1:" + port + ": starting an embedded AMQP 0-9-1 broker"
        + " (Apache Qpid Broker-J, in memory) there");
    try {
      EmbeddedBroker embedded = EmbeddedBroker.start(port, workDir);
      System.out.println("  started in " + embedded.startTime().toMillis() + " ms");
      return embedded;
    } catch (RuntimeException e) {
      System.out.println("FAILED: " + e.getMessage());
      System.exit(1);
      return null;
    }
  }

  /** Starts Zipkin, runs {@code demo} with it, then stops it unless {@code keepZipkin}. */
  private static boolean withZipkin(Path target, Path logs, boolean keepZipkin,
      Predicate<ZipkinServer> demo) {
    int port = Ports.isOpen(9411) ? Ports.freePort() : 9411;
    step("Starting Zipkin on 127.0.0.1:" + port + " (log: " + logs.resolve("zipkin.log") + ")");
    ZipkinServer zipkin = ZipkinServer.start(target.resolve("zipkin/zipkin-server.jar"),
        logs.resolve("zipkin.log"), port);
    try {
      return demo.test(zipkin);
    } finally {
      if (keepZipkin) {
        step("Zipkin keeps running at " + zipkin.baseUrl() + "/zipkin/ (pid " + zipkin.pid()
            + "); stop it with: kill " + zipkin.pid());
      } else {
        zipkin.close();
        step("Zipkin stopped. To keep it running and browse the UI: smoke-tests/demo.sh --keep-zipkin");
      }
    }
  }

  private static boolean screenshot(String url, Path png, int height, Path logs) {
    step("Screenshot of " + url + " (headless Chromium): " + png);
    try {
      HeadlessChromium.screenshot(url, png, 1200, height, logs);
      return true;
    } catch (RuntimeException e) {
      System.out.println("FAILED: " + e.getMessage());
      return false;
    }
  }

  /** The value of {@code --name=value} in {@code args}, or {@code fallback}. */
  private static String option(String[] args, String name, String fallback) {
    String prefix = "--" + name + "=";
    for (String arg : args) {
      if (arg.startsWith(prefix)) {
        return arg.substring(prefix.length());
      }
    }
    return fallback;
  }

  /** Runs the three services, sends the customers' requests, prints the traces; the first trace's id if all went well. */
  private static String run(ZipkinServer zipkin, DemoMetrics metrics, Path agentJar,
      String classpath, Path logs, int requests, int amqpPort, String queue) {
    try (Broker broker = Broker.connect(amqpPort)) {
      broker.declareDurable(queue, false);
      broker.purge(queue);
    }
    step("Running mailer (HTTP), notifications (consumer) and item-subscriptions (HTTP, producer)"
        + " with -javaagent:" + agentJar);
    AgentJvm.Running mailer = app("io.warren.smoketest.apps.Mailer", "mailer", zipkin, metrics,
        agentJar, classpath, logs)
        .args("--requests=" + requests)
        .start();
    // The consumer logs a line per message through SLF4J and Logback 1.2 (for the SLF4J 1.7 on
    // the app's class path); the agent adds the ids.
    String logback = Jars.classpathOf(logs.resolveSibling("logback").resolve("1.2.13"));
    AgentJvm consumerJvm = app("io.warren.smoketest.apps.LogbackNotifications",
        "notifications", zipkin, metrics, agentJar, logback + File.pathSeparator + classpath, logs)
        .args("--port=" + amqpPort, "--queue=" + queue, "--count=" + requests,
            "--mailer=http://127.0.0.1:" + listeningPort(mailer));
    // With metrics, the consumer stays up after its work until Prometheus has scraped it.
    AgentJvm.Running consumer = (metrics == null ? consumerJvm : consumerJvm.args("--linger"))
        .start();
    AgentJvm.Running producer = app("io.warren.smoketest.apps.SubscriptionApi",
        "item-subscriptions", zipkin, metrics, agentJar, classpath, logs)
        .args("--port=" + amqpPort, "--queue=" + queue, "--requests=" + requests)
        .start();
    step("The customers' requests (this JVM, no agent, no trace context sent)");
    if (!subscribe(listeningPort(producer), requests)) {
      List.of(producer, consumer, mailer).forEach(AgentJvm.Running::kill);
      return null;
    }
    if (metrics != null && !metrics.printHandlingTime(consumer, "notifications", requests,
        APP_TIMEOUT)) {
      List.of(producer, consumer, mailer).forEach(AgentJvm.Running::kill);
      return null;
    }
    List<AgentJvm.Result> results = new java.util.ArrayList<>();
    for (AgentJvm.Running app : List.of(producer, consumer, mailer)) {
      results.add(app.awaitExit(APP_TIMEOUT));
    }
    for (AgentJvm.Result result : results) {
      if (result.exitCode() != 0) {
        System.out.println("FAILED: " + result.describe());
        return null;
      }
    }
    AgentJvm.Result consumed = results.get(1);
    List<String> logged = consumed.linesStartingWith("LOG").stream()
        .filter(line -> line.contains("handled")).toList();
    System.out.println("  item-subscriptions published " + results.get(0).linesStartingWith("SENT")
        .size() + " messages to " + queue + "; notifications handled " + logged.size()
        + " and mailed " + consumed.linesStartingWith("MAILED").size() + " (logs: " + logs + ")");
    step("What notifications logged (Logback pattern \"LOG %X{trace_id}|%X{span_id}|"
        + "%X{trace_flags}|%X{app.user}|%m\"; its code sets none of the ids)");
    logged.forEach(line -> System.out.println("  " + line));

    step("Traces in Zipkin (" + zipkin.baseUrl() + "/api/v2/traces?serviceName=item-subscriptions)");
    ZipkinClient client = zipkin.client();
    Set<String> traceIds = new LinkedHashSet<>();
    client.awaitSpans("item-subscriptions", 2 * requests).stream()
        .filter(span -> "SERVER".equals(span.kind()))
        .sorted(java.util.Comparator.comparingLong(ZipkinSpan::timestamp))
        .forEach(span -> traceIds.add(span.traceId()));
    if (traceIds.isEmpty()) {
      System.out.println("FAILED: Zipkin received no server spans from item-subscriptions; see "
          + logs);
      return null;
    }
    boolean whole = traceIds.size() == requests;
    for (String traceId : traceIds) {
      List<ZipkinSpan> trace = client.awaitTrace(traceId, STORY.size());
      List<String> services = trace.stream().map(ZipkinSpan::localServiceName).sorted().toList();
      whole &= services.equals(STORY);
      System.out.println();
      System.out.print(TraceTree.render(trace));
    }
    System.out.println();
    System.out.println(whole
        ? "One trace per request: item-subscriptions' HTTP server span, its publish,"
            + " notifications' process span, its call to mailer and mailer's server span."
        : "WARNING: not every request made one trace through all three services.");
    String first = traceIds.iterator().next();
    step("Open in the Zipkin UI: " + zipkin.uiTraceUrl(first));
    System.out.println("  dependency graph: " + zipkin.baseUrl() + "/zipkin/dependency");
    return whole ? first : null;
  }

  /**
   * Sends {@code requests} subscriptions to item-subscriptions on {@code port} as a customer's
   * browser would, printing each answer; false if one was not accepted.
   */
  private static boolean subscribe(int port, int requests) {
    HttpClient http = HttpClient.newHttpClient();
    for (int n = 1; n <= requests; n++) {
      String body = "{\"item\":\"sku-" + n + "\",\"customer\":\"customer-" + n + "\"}";
      HttpRequest request = HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/subscriptions"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println("  POST /subscriptions " + body + " -> " + response.statusCode() + " "
            + response.body().strip());
        if (response.statusCode() != 202) {
          System.out.println("FAILED: item-subscriptions did not accept the subscription");
          return false;
        }
      } catch (IOException e) {
        System.out.println("FAILED: POST /subscriptions: " + e);
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** The port an HTTP sample service printed ({@code LISTENING <port>}). */
  private static int listeningPort(AgentJvm.Running app) {
    String line = app.awaitLine("LISTENING ", APP_TIMEOUT);
    return Integer.parseInt(line.substring("LISTENING ".length()).trim());
  }

  private static AgentJvm app(String mainClass, String service, ZipkinServer zipkin,
      DemoMetrics metrics, Path agentJar, String classpath, Path logs) {
    AgentJvm jvm = AgentJvm.app(mainClass)
        .name(service)
        .agent(agentJar)
        .serviceName(service)
        .zipkinEndpoint(zipkin.spansEndpoint())
        .property("otel.bsp.schedule.delay", "200")
        .classpath(classpath)
        .logDir(logs);
    return metrics == null ? jvm : metrics.withMetrics(jvm, service);
  }

  static void step(String message) {
    System.out.println("==> " + message);
  }
}
