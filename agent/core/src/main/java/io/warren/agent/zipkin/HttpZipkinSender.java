package io.warren.agent.zipkin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.zip.GZIPOutputStream;

/**
 * POSTs spans to Zipkin's {@code /api/v2/spans} as {@code application/x-protobuf}, with the JDK's
 * HttpURLConnection (which keeps the connection alive between batches): the agent carries no
 * HTTP client of its own. Zipkin answers 202; any other status fails the send.
 */
final class HttpZipkinSender implements ZipkinSender {

  private final URL endpoint;
  private final int timeoutMillis;
  private final boolean gzip;
  /** The compressed batch, reused: only the export thread sends. */
  private final ByteArrayOutputStream compressed = new ByteArrayOutputStream(8192);

  /**
   * @param timeoutMillis for the connection and for the response, each
   * @throws IllegalArgumentException when the endpoint is not a URL
   */
  HttpZipkinSender(String endpoint, int timeoutMillis, boolean gzip) {
    try {
      this.endpoint = new URL(endpoint);
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("not a URL: " + endpoint, e);
    }
    this.timeoutMillis = timeoutMillis;
    this.gzip = gzip;
  }

  @Override
  public void send(Proto3Buffer spans) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) endpoint.openConnection();
    connection.setConnectTimeout(timeoutMillis);
    connection.setReadTimeout(timeoutMillis);
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setRequestProperty("Content-Type", "application/x-protobuf");
    try {
      if (gzip) {
        compressed.reset();
        try (GZIPOutputStream zipped = new GZIPOutputStream(compressed)) {
          spans.writeTo(zipped);
        }
        connection.setRequestProperty("Content-Encoding", "gzip");
        connection.setFixedLengthStreamingMode(compressed.size());
        try (OutputStream out = connection.getOutputStream()) {
          compressed.writeTo(out);
        }
      } else {
        connection.setFixedLengthStreamingMode(spans.size());
        try (OutputStream out = connection.getOutputStream()) {
          spans.writeTo(out);
        }
      }
      int status = connection.getResponseCode();
      drain(status / 100 == 2 ? connection.getInputStream() : connection.getErrorStream());
      if (status / 100 != 2) {
        throw new IOException("HTTP " + status);
      }
    } catch (IOException | RuntimeException e) {
      connection.disconnect();
      throw e;
    }
  }

  /** Reads the response to its end, so that the connection can carry the next batch. */
  private static void drain(InputStream response) throws IOException {
    if (response == null) {
      return;
    }
    try (InputStream in = response) {
      byte[] skip = new byte[256];
      while (in.read(skip) != -1) {
        // Zipkin's answer is empty or a short error message
      }
    }
  }

}
