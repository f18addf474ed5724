package io.warren.agent.metrics;

import io.opentelemetry.sdk.metrics.data.MetricData;
import io.warren.bootstrap.AgentThreads;
import io.warren.bootstrap.WarrenLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The scrape endpoint, {@code /metrics}: a small HTTP/1.1 server of Warren's own on plain sockets,
 * so that it needs no JDK module and no library, and nothing Warren instruments sees it. One
 * thread accepts, two answer; all are the agent's own, so a scrape is never traced or counted.
 */
final class PrometheusServer {

  static final String PATH = "/metrics";

  private static final int HANDLERS = 2;
  /** Connections accepted while both handlers are busy; past these, a new one is closed. */
  private static final int WAITING = 16;
  private static final int BACKLOG = 50;
  /** The accept thread wakes this often to end answers stuck on a scraper that stopped reading. */
  private static final int SWEEP_MS = 1000;
  /** How long stop() waits for the threads to end. */
  private static final long STOP_WAIT_MS = 5000;

  private final ServerSocket listener;
  private final Supplier<Collection<MetricData>> metrics;
  private final ThreadPoolExecutor handlers;
  private final Set<ScrapeConnection> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  private PrometheusServer(ServerSocket listener, Supplier<Collection<MetricData>> metrics, ThreadFactory threads) {
    this.listener = listener;
    this.metrics = metrics;
    this.handlers = new ThreadPoolExecutor(HANDLERS, HANDLERS, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<Runnable>(WAITING), threads);
    this.acceptor = threads.newThread(this::acceptConnections);
  }

  /** Serves {@code metrics} on {@code host:port} (0: any free port); null, with one line, when it cannot bind. */
  static PrometheusServer start(String host, int port, Supplier<Collection<MetricData>> metrics) {
    ServerSocket listener = null;
    try {
      listener = new ServerSocket();
      listener.bind(new InetSocketAddress(host, port), BACKLOG);
      listener.setSoTimeout(SWEEP_MS);
    } catch (IOException | RuntimeException e) {
      closeQuietly(listener);
      WarrenLog.warn("the Prometheus endpoint cannot listen on " + host + ":" + port + " (" + e
          + "); metrics are not served there (otel.exporter.prometheus.host, .port)");
      return null;
    }
    ThreadFactory threads = AgentThreads.factory("warren-prometheus");
    PrometheusServer server = new PrometheusServer(listener, metrics, threads);
    server.acceptor.start();
    WarrenLog.debug("serving metrics on http://" + host + ":" + listener.getLocalPort() + PATH);
    return server;
  }

  /** The port it listens on (the one found when started with 0). */
  int port() {
    return listener.getLocalPort();
  }

  /** Stops listening, ends every connection and the threads; the port is free when it returns. */
  void stop() {
    closeQuietly(listener);
    handlers.shutdownNow(); // connections still queued never start: closed below
    for (ScrapeConnection connection : open) {
      connection.close();
    }
    // The port is released only once the accept thread has left accept().
    try {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MS);
      acceptor.join(STOP_WAIT_MS);
      handlers.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptConnections() {
    while (!listener.isClosed()) {
      try {
        handOver(listener.accept());
      } catch (SocketTimeoutException e) {
        // nobody connected this second: time to sweep
      } catch (IOException e) {
        if (!listener.isClosed()) {
          pause(); // out of file descriptors, say: try again shortly rather than spin
        }
      } catch (Throwable e) {
        // never out of the agent's thread; the next connection is accepted as usual
      }
      closeStuckWriters();
    }
  }

  private void handOver(Socket socket) {
    ScrapeConnection connection = new ScrapeConnection(socket, metrics, () -> !handlers.getQueue().isEmpty());
    open.add(connection);
    try {
      handlers.execute(() -> serve(connection));
    } catch (RejectedExecutionException | Error e) {
      // both handlers busy and the queue full, stopped, or no thread to be had
      open.remove(connection);
      connection.close();
    }
  }

  private void serve(ScrapeConnection connection) {
    try {
      connection.serve();
    } catch (Throwable e) {
      // a client that went away, timed out or spoke no HTTP: its connection ends, nothing more
    } finally {
      open.remove(connection);
      connection.close();
    }
  }

  private void closeStuckWriters() {
    long now = System.nanoTime();
    for (ScrapeConnection connection : open) {
      if (connection.stuckWriting(now)) {
        connection.close();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(ServerSocket socket) {
    if (socket == null) {
      return;
    }
    try {
      socket.close();
    } catch (IOException e) {
      // closed either way
    }
  }
}
