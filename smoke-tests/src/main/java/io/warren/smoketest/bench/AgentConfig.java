package io.warren.smoketest.bench;

import io.warren.smoketest.harness.AgentJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * The ways the benchmarks run an application: with no agent, with Warren (Zipkin or OTLP) and
 * with the OpenTelemetry Java agent, each with its defaults, 100 % sampling and live export; and,
 * to tell where Warren's cost is, Warren with export off or to a collector that discards.
 */
enum AgentConfig {
  NONE("no agent", "none"),
  WARREN("Warren", "warren"),
  /** Warren exporting over OTLP/HTTP only, to a receiver inside the benchmark's JVM. */
  WARREN_OTLP("Warren OTLP", "warren-otlp"),
  OTEL("OpenTelemetry agent", "otel"),
  /** Warren making every span but exporting none ({@code otel.traces.exporter=none}). */
  WARREN_UNEXPORTED("Warren, export off", "warren-unexported"),
  /** Warren exporting to Zipkin's endpoint on a collector that discards, not to Zipkin. */
  WARREN_DISCARDED("Warren, to a discarding collector", "warren-discarded"),
  /** Warren exporting over OTLP/HTTP to a collector that discards. */
  WARREN_OTLP_DISCARDED("Warren OTLP, to a discarding collector", "warren-otlp-discarded"),
  /**
   * Warren as {@link #WARREN}, with messaging metrics on: recorded into a Prometheus endpoint on a
   * free loopback port (what recording costs per message; nothing scrapes it).
   */
  WARREN_METRICS("Warren, metrics on", "warren-metrics"),
  /**
   * As {@link #WARREN_UNEXPORTED}, with metrics on as in {@link #WARREN_METRICS}: what recording
   * costs, without the export thread's and Zipkin's work on the same cores around it.
   */
  WARREN_UNEXPORTED_METRICS("Warren, export off, metrics on", "warren-unexported-metrics"),
  /** As {@link #WARREN_METRICS} without the origin header: what end-to-end latency costs. */
  WARREN_METRICS_NO_ORIGIN("Warren, metrics on, no origin header", "warren-metrics-no-origin"),
  /**
   * Warren as {@link #WARREN}, from the jar named by the system property {@value #OTHER_JAR} (an
   * earlier build, say): two versions of the agent compared side by side in one run.
   */
  WARREN_OTHER("Warren, other jar", "warren-other");

  /** The system property naming the jar {@link #WARREN_OTHER} runs. */
  static final String OTHER_JAR = "bench.other-warren-jar";

  final String label;
  final String id;

  AgentConfig(String label, String id) {
    this.label = label;
    this.id = id;
  }

  static AgentConfig byId(String id) {
    return Arrays.stream(values()).filter(c -> c.id.equals(id.trim())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown configuration '" + id
            + "' (known: " + Arrays.stream(values()).map(c -> c.id)
            .collect(Collectors.joining(", ")) + ")"));
  }

  /** The agent jars a benchmark runs, copied once so that a build meanwhile changes no run. */
  record Jars(Path warren, Path otel, Path other) {

    static Jars copiedInto(Path root, Path folder) throws IOException {
      Path target = root.resolve("smoke-tests/target").toAbsolutePath().normalize();
      Files.createDirectories(folder);
      String other = System.getProperty(OTHER_JAR);
      return new Jars(
          copy(root.resolve("agent/target/warren-agent.jar").toAbsolutePath().normalize(), folder),
          copy(target.resolve("otel/opentelemetry-javaagent.jar"), folder),
          other == null ? null : Files.copy(Path.of(other), folder.resolve("other-warren-agent.jar"),
              StandardCopyOption.REPLACE_EXISTING));
    }

    public Path other() {
      if (other == null) {
        throw new IllegalStateException("warren-other needs -D" + OTHER_JAR + "=<an agent jar>");
      }
      return other;
    }

    /** The OpenTelemetry agent's version, as its jar's manifest states it. */
    String otelVersion() throws IOException {
      try (JarFile jar = new JarFile(otel.toFile())) {
        return jar.getManifest().getMainAttributes().getValue("Implementation-Version");
      }
    }

    private static Path copy(Path built, Path folder) throws IOException {
      if (!Files.isRegularFile(built)) {
        throw new IllegalStateException(built + " is missing: run mvn -B -DskipTests install first");
      }
      return Files.copy(built, folder.resolve(built.getFileName()),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Puts this configuration's agent and settings on {@code jvm}; {@code otlpEndpoint} may be null
   * unless this is {@link #WARREN_OTLP} or {@link #WARREN_OTLP_DISCARDED}; for {@link
   * #WARREN_DISCARDED}, {@code zipkinEndpoint} is the discarding collector's.
   */
  AgentJvm apply(AgentJvm jvm, Jars jars, String service, String zipkinEndpoint,
      String otlpEndpoint) {
    return switch (this) {
      case NONE -> jvm;
      case WARREN, WARREN_DISCARDED ->
          jvm.agent(jars.warren()).serviceName(service).zipkinEndpoint(zipkinEndpoint);
      case WARREN_METRICS -> metrics(jvm.agent(jars.warren()).serviceName(service).zipkinEndpoint(zipkinEndpoint));
      case WARREN_METRICS_NO_ORIGIN -> metrics(jvm.agent(jars.warren()).serviceName(service)
          .zipkinEndpoint(zipkinEndpoint)).property("warren.messaging.origin.header", "false");
      case WARREN_OTHER -> jvm.agent(jars.other()).serviceName(service).zipkinEndpoint(zipkinEndpoint);
      case WARREN_UNEXPORTED -> jvm.agent(jars.warren()).serviceName(service)
          .property("otel.traces.exporter", "none");
      case WARREN_UNEXPORTED_METRICS -> metrics(jvm.agent(jars.warren()).serviceName(service)
          .property("otel.traces.exporter", "none"));
      case WARREN_OTLP, WARREN_OTLP_DISCARDED -> jvm.agent(jars.warren()).serviceName(service)
          .property("otel.traces.exporter", "otlp")
          .property("otel.exporter.otlp.endpoint", otlpEndpoint);
      case OTEL -> jvm.agent(jars.otel()).serviceName(service)
          .property("otel.traces.exporter", "zipkin")
          .zipkinEndpoint(zipkinEndpoint)
          .property("otel.metrics.exporter", "none")
          .property("otel.logs.exporter", "none");
    };
  }

  /** Metrics recorded into a Prometheus endpoint on a free loopback port that nothing scrapes. */
  private static AgentJvm metrics(AgentJvm jvm) {
    return jvm.property("otel.metrics.exporter", "prometheus")
        .property("otel.exporter.prometheus.host", "127.0.0.1")
        .property("otel.exporter.prometheus.port", "0");
  }
}
