package io.warren.agent.metrics;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The request line and headers of one HTTP/1.x request, read up to the blank line that ends
 * them: all the scrape endpoint needs to answer.
 */
final class RequestHead {

  /** The request could not be read as HTTP/1.x: answered with {@link #status}, then closed. */
  static final class BadRequest extends IOException {
    private static final long serialVersionUID = 1L;

    final int status;

    BadRequest(int status, String why) {
      super(why);
      this.status = status;
    }
  }

  final String method;
  /** The target's path, without query or fragment. */
  final String path;
  private final boolean http10;
  /** Lower-case names; a repeated header's values joined with ", ". */
  private final Map<String, String> headers;

  private RequestHead(String method, String path, boolean http10, Map<String, String> headers) {
    this.method = method;
    this.path = path;
    this.http10 = http10;
    this.headers = headers;
  }

  /** A header's value (the name in any case), or null. */
  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** Whether the client wants the connection kept for another request (HTTP/1.1's default). */
  boolean keepAlive() {
    String connection = header("connection");
    return http10 ? hasToken(connection, "keep-alive") : !hasToken(connection, "close");
  }

  /** An HTTP/1.0 client closes unless the answer says it stays open. */
  boolean isHttp10() {
    return http10;
  }

  /** The body's length, 0 when none is announced. */
  long contentLength() throws BadRequest {
    if (header("transfer-encoding") != null) {
      // A scrape has no body; a chunked one is not worth reading to reach the next request.
      throw new BadRequest(400, "a request body in chunks");
    }
    String length = header("content-length");
    if (length == null) {
      return 0;
    }
    try {
      long value = Long.parseLong(length);
      if (value < 0) {
        throw new BadRequest(400, "a negative Content-Length");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new BadRequest(400, "Content-Length " + length);
    }
  }

  /**
   * Reads one request's head, at most {@code limit} bytes of it: BadRequest for what is not
   * HTTP/1.x or is longer, EOFException when the client closes midway.
   */
  static RequestHead read(InputStream in, int limit) throws IOException {
    LineReader lines = new LineReader(in, limit);
    String requestLine = lines.next();
    while (requestLine.isEmpty()) {
      requestLine = lines.next(); // blank lines before a request are allowed (RFC 9112, 2.2)
    }
    int firstSpace = requestLine.indexOf(' ');
    int lastSpace = requestLine.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace <= firstSpace + 1) {
      throw new BadRequest(400, "request line " + requestLine);
    }
    String method = requestLine.substring(0, firstSpace);
    String target = requestLine.substring(firstSpace + 1, lastSpace);
    String version = requestLine.substring(lastSpace + 1);
    if (!version.startsWith("HTTP/1.") || target.indexOf(' ') >= 0 || !isToken(method)) {
      throw new BadRequest(400, "request line " + requestLine);
    }
    Map<String, String> headers = new HashMap<String, String>();
    for (String line = lines.next(); !line.isEmpty(); line = lines.next()) {
      int colon = line.indexOf(':');
      if (colon <= 0 || !isToken(line.substring(0, colon))) {
        throw new BadRequest(400, "header line " + line);
      }
      String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      headers.merge(name, value, (before, added) -> before + ", " + added);
    }
    return new RequestHead(method, pathOf(target), version.equals("HTTP/1.0"), headers);
  }

  /** {@code /metrics?x=1} and {@code http://host:9464/metrics} (a proxy's form) are both /metrics. */
  private static String pathOf(String target) {
    String path = target;
    int scheme = path.indexOf("://");
    if (!path.startsWith("/") && scheme > 0) {
      int slash = path.indexOf('/', scheme + 3);
      path = slash < 0 ? "/" : path.substring(slash);
    }
    int end = path.length();
    for (char stop : new char[] {'?', '#'}) {
      int at = path.indexOf(stop);
      end = at >= 0 ? Math.min(end, at) : end;
    }
    return path.substring(0, end);
  }

  private static boolean hasToken(String list, String token) {
    if (list == null) {
      return false;
    }
    for (String item : list.split(",")) {
      if (item.trim().equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }

  /** A method or header name: visible ASCII without separators (RFC 9110, 5.6.2). */
  private static boolean isToken(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c >= 127 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** Lines ending in CRLF (or LF alone), all of them together at most the limit. */
  private static final class LineReader {
    private final InputStream in;
    private int left;

    LineReader(InputStream in, int limit) {
      this.in = in;
      this.left = limit;
    }

    String next() throws IOException {
      StringBuilder line = new StringBuilder();
      while (true) {
        int b = in.read();
        if (b == -1) {
          throw new EOFException("the client closed in the middle of a request");
        }
        if (--left < 0) {
          throw new BadRequest(431, "request line and headers over the limit");
        }
        if (b == '\n') {
          int end = line.length();
          if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
          }
          return line.toString();
        }
        line.append((char) b); // ISO-8859-1, as HTTP's header bytes are read
      }
    }
  }
}
