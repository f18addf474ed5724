package io.warren.smoketest.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback "server" that accepts every connection and reads everything sent to it, but never
 * writes a byte back: an HTTP peer that hangs. Closing it closes the sockets.
 */
public final class SilentHttpServer implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final AtomicLong bytesRead = new AtomicLong();

  private SilentHttpServer(ServerSocket server) {
    this.server = server;
  }

  public static SilentHttpServer start() {
    try {
      SilentHttpServer silent =
          new SilentHttpServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
      Thread acceptor = new Thread(silent::acceptLoop, "silent-http-accept");
      acceptor.setDaemon(true);
      acceptor.start();
      return silent;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** An endpoint URL on this server, for {@code otel.exporter.zipkin.endpoint}. */
  public String spansEndpoint() {
    return "http://127.0.0.1:" + port() + "/api/v2/spans";
  }

  public int connections() {
    return accepted.size();
  }

  public long bytesRead() {
    return bytesRead.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        accepted.add(socket);
        Thread reader = new Thread(() -> drain(socket), "silent-http-read");
        reader.setDaemon(true);
        reader.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void drain(Socket socket) {
    byte[] buffer = new byte[8192];
    try (InputStream in = socket.getInputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        bytesRead.addAndGet(n);
      }
    } catch (IOException e) {
      // closed
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket socket : accepted) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
