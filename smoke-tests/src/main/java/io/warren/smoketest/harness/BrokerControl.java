package io.warren.smoketest.harness;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the RabbitMQ application on the local node with {@code rabbitmqctl} (the Erlang
 * node keeps running, so {@code start_app} is quick). Needs the rights to run rabbitmqctl.
 */
public final class BrokerControl {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private BrokerControl() {}

  public static void stopApp() {
    rabbitmqctl("stop_app");
  }

  /** Starts the application and waits until port 5672 accepts connections again. */
  public static void startApp() {
    rabbitmqctl("start_app");
    long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
    while (!Ports.isOpen(Broker.PORT)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("RabbitMQ did not listen on " + Broker.PORT
            + " within " + COMMAND_TIMEOUT + " after start_app");
      }
      Pause.millis(100);
    }
  }

  private static void rabbitmqctl(String command) {
    try {
      Process process = new ProcessBuilder(List.of("rabbitmqctl", command))
          .redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("rabbitmqctl " + command + " did not finish");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("rabbitmqctl " + command + " exited "
            + process.exitValue() + ":\n" + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not run rabbitmqctl " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running rabbitmqctl " + command, e);
    }
  }

}
