package io.warren.agent.metrics;

import io.opentelemetry.sdk.metrics.data.MetricData;
import io.warren.agent.metrics.RequestHead.BadRequest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One client's connection to the scrape endpoint: its requests answered one after the other
 * (Prometheus keeps its connection between scrapes) until the client closes or asks to, stays
 * silent too long, or sends what is not HTTP/1.x. Any failure just ends the connection.
 */
final class ScrapeConnection {

  /** Request line and headers together; a scrape's are a few hundred bytes. */
  static final int HEAD_LIMIT = 16 * 1024;
  /** For each read once a request has begun, and for a new connection's first request. */
  static final int READ_TIMEOUT_MS = 10_000;
  /** Between requests: longer than a one-minute scrape interval, so Prometheus's connection is reused. */
  static final int IDLE_TIMEOUT_MS = 90_000;
  /** How often a silent connection looks whether another one waits for its thread. */
  static final int IDLE_CHECK_MS = 250;
  /** Sending one answer: a scraper that stops reading must not hold a thread for good. */
  static final long WRITE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
  /** A body (a scrape has none) is skipped up to this size; past it the connection ends. */
  static final long BODY_LIMIT = 64 * 1024;

  /** After an error answer: how long the client's unread bytes are taken and thrown away. */
  static final int LINGER_MS = 1000;

  private final Socket socket;
  private final Supplier<Collection<MetricData>> metrics;
  private final BooleanSupplier othersWaiting;
  /** When the answer now being sent began (System.nanoTime()), or 0. */
  private volatile long writingSince;

  /**
   * {@code othersWaiting} says whether another connection waits for a thread: a connection that
   * is silent between requests then gives its thread up.
   */
  ScrapeConnection(Socket socket, Supplier<Collection<MetricData>> metrics, BooleanSupplier othersWaiting) {
    this.socket = socket;
    this.metrics = metrics;
    this.othersWaiting = othersWaiting;
  }

  /** Answers requests until the connection ends; throws whatever ended it. */
  void serve() throws IOException {
    socket.setTcpNoDelay(true);
    BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
    OutputStream out = new BufferedOutputStream(socket.getOutputStream());
    int wait = READ_TIMEOUT_MS;
    while (awaitRequest(in, wait)) {
      wait = IDLE_TIMEOUT_MS;
      socket.setSoTimeout(READ_TIMEOUT_MS);
      try {
        RequestHead request = RequestHead.read(in, HEAD_LIMIT);
        skip(in, request.contentLength());
        if (!answer(request, out)) {
          return;
        }
      } catch (BadRequest e) {
        send(out, e.status, null, new byte[0], true, "Connection: close");
        closeGently(in);
        return;
      }
    }
  }

  /** True when an answer has been on its way longer than {@link #WRITE_TIMEOUT_NANOS}. */
  boolean stuckWriting(long nowNanos) {
    long since = writingSince;
    return since != 0 && nowNanos - since > WRITE_TIMEOUT_NANOS;
  }

  /** Ends the connection; a read or write under way on it fails. */
  void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closed either way
    }
  }

  /**
   * Waits for the first byte of the next request: false when the client closed, stayed silent
   * past {@code limitMs}, or is silent while another connection waits for a thread.
   */
  private boolean awaitRequest(BufferedInputStream in, int limitMs) throws IOException {
    socket.setSoTimeout(IDLE_CHECK_MS);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMs);
    while (true) {
      in.mark(1);
      try {
        if (in.read() == -1) {
          return false;
        }
        in.reset();
        return true;
      } catch (SocketTimeoutException e) {
        // The socket stays usable after a timeout: look again, unless time is up or a thread is needed.
        if (othersWaiting.getAsBoolean() || System.nanoTime() - deadline >= 0) {
          return false;
        }
      }
    }
  }

  /** Answers one request; true when the connection stays open for another. */
  private boolean answer(RequestHead request, OutputStream out) throws IOException {
    boolean keepAlive = request.keepAlive();
    // An HTTP/1.0 client keeps the connection only when told so.
    String connection = !keepAlive ? "Connection: close" : request.isHttp10() ? "Connection: keep-alive" : null;
    boolean head = request.method.equals("HEAD");
    if (!request.path.equals(PrometheusServer.PATH)) {
      send(out, 404, "text/plain; charset=utf-8",
          utf8("Warren serves metrics at " + PrometheusServer.PATH + "\n"), !head, connection);
      return keepAlive;
    }
    if (!head && !request.method.equals("GET")) {
      send(out, 405, null, new byte[0], false, "Allow: GET, HEAD", connection);
      return keepAlive;
    }
    boolean openMetrics = PrometheusFormat.wantsOpenMetrics(request.header("accept"));
    byte[] body;
    try {
      body = utf8(PrometheusFormat.write(metrics.get(), openMetrics));
    } catch (RuntimeException e) {
      send(out, 500, null, new byte[0], false, "Connection: close");
      return false;
    }
    send(out, 200, openMetrics ? PrometheusFormat.OPEN_METRICS : PrometheusFormat.TEXT, body, !head, connection);
    return keepAlive;
  }

  /** Writes status line, headers and (when {@code withBody}) the body; Content-Length is always the body's. */
  private void send(OutputStream out, int status, String contentType, byte[] body, boolean withBody,
      String... headers) throws IOException {
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status));
    if (contentType != null) {
      head.append("\r\nContent-Type: ").append(contentType);
    }
    head.append("\r\nContent-Length: ").append(body.length);
    for (String header : headers) {
      if (header != null) {
        head.append("\r\n").append(header);
      }
    }
    head.append("\r\n\r\n");
    writingSince = System.nanoTime() | 1; // never 0, which means "not writing"
    try {
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (withBody) {
        out.write(body);
      }
      out.flush();
    } finally {
      writingSince = 0;
    }
  }

  /**
   * Ends the connection after an error answer so that the client gets to read it: closing with
   * request bytes still unread would reset the connection, and the answer could be lost.
   */
  private void closeGently(InputStream in) throws IOException {
    socket.shutdownOutput();
    socket.setSoTimeout(LINGER_MS);
    byte[] scratch = new byte[4096];
    long read = 0;
    for (int n = in.read(scratch); n != -1 && read < BODY_LIMIT; n = in.read(scratch)) {
      read += n;
    }
  }

  private static void skip(InputStream in, long length) throws IOException {
    if (length > BODY_LIMIT) {
      throw new BadRequest(413, "a request body of " + length + " bytes");
    }
    byte[] scratch = new byte[(int) Math.min(length, 8192)];
    for (long left = length; left > 0; ) {
      int read = in.read(scratch, 0, (int) Math.min(left, scratch.length));
      if (read == -1) {
        throw new EOFException("the client closed in the middle of a request body");
      }
      left -= read;
    }
  }

  private static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 400:
        return "Bad Request";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 413:
        return "Content Too Large";
      case 431:
        return "Request Header Fields Too Large";
      default:
        return "Internal Server Error";
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
