package io.warren.agent.zipkin;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Zipkin's collector on a loopback port: keeps every request and answers it with
 * {@link #status} (202 unless a test says otherwise), one request per connection. Plain sockets,
 * so that agent/core's tests name no HTTP server library (see NoLibraryKnowledgeTest).
 */
final class SpansReceiver implements AutoCloseable {

  /** A request as received: its method, its headers (names in lower case) and its body. */
  record Request(String method, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  volatile int status = 202;
  private final ServerSocket socket;

  SpansReceiver() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "spans-receiver");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/api/v2/spans";
  }

  private void accept() {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        requests.add(read(connection.getInputStream()));
        OutputStream out = connection.getOutputStream();
        out.write(("HTTP/1.1 " + status + " Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException e) {
        // closed, or a client that went away: the test asserts on what was received
      }
    }
  }

  private static Request read(InputStream in) throws IOException {
    String method = readLine(in).split(" ", 2)[0];
    Map<String, String> headers = new HashMap<>();
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
    }
    String length = headers.get("content-length");
    byte[] body = new byte[length == null ? 0 : Integer.parseInt(length)];
    new DataInputStream(in).readFully(body);
    return new Request(method, headers, body);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
