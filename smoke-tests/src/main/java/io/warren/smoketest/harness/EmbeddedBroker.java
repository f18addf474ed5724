package io.warren.smoketest.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;

/**
 * An AMQP 0-9-1 broker inside this JVM (Apache Qpid Broker-J with its in-memory store) for when
 * no RabbitMQ runs: one AMQP port on 127.0.0.1, user guest/guest with PLAIN, the default virtual
 * host reachable as "/", no management port. Nothing is kept after {@link #close}.
 */
public final class EmbeddedBroker implements AutoCloseable {
  private static final String CONFIG = "embedded-broker.json";
  // RabbitMQ's inter-node (Erlang distribution) port: a broker there would keep RabbitMQ from
  // starting on this machine.
  private static final int RABBITMQ_DISTRIBUTION_PORT = 25672;

  private final SystemLauncher launcher;
  private final int port;
  private final Duration startTime;

  private EmbeddedBroker(SystemLauncher launcher, int port, Duration startTime) {
    this.launcher = launcher;
    this.port = port;
    this.startTime = startTime;
  }

  /** Starts the broker on 127.0.0.1:{@code port}, its work files under {@code workDir}. */
  public static EmbeddedBroker start(int port, Path workDir) {
    if (port == RABBITMQ_DISTRIBUTION_PORT) {
      throw new IllegalArgumentException("port " + port + " is RabbitMQ's inter-node port;"
          + " choose another one for the embedded broker");
    }
    URL config = EmbeddedBroker.class.getResource(CONFIG);
    if (config == null) {
      throw new IllegalStateException(CONFIG + " is missing from the class path");
    }
    long startNanos = System.nanoTime();
    SystemLauncher launcher = new SystemLauncher();
    try {
      Files.createDirectories(workDir);
      launcher.startup(Map.of(
          "type", "Memory",
          "initialConfigurationLocation", config.toExternalForm(),
          "startupLoggedToSystemOut", false,
          // Broker-wide preferences would otherwise go to a JSON file.
          "preferenceStoreAttributes", Map.of("type", "Noop"),
          "context", Map.of(
              "qpid.work_dir", workDir.toAbsolutePath().toString(),
              "qpid.amqp_port", Integer.toString(port))));
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + workDir, e);
    } catch (Exception e) {
      launcher.shutdown();
      throw new IllegalStateException("the embedded broker did not start on 127.0.0.1:" + port, e);
    }
    return new EmbeddedBroker(launcher, port, Duration.ofNanos(System.nanoTime() - startNanos));
  }

  public int port() {
    return port;
  }

  /** How long {@link #start} took, until the AMQP port accepted connections. */
  public Duration startTime() {
    return startTime;
  }

  @Override
  public void close() {
    launcher.shutdown();
  }
}
