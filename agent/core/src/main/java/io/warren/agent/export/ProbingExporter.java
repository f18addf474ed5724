package io.warren.agent.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collection;

/**
 * While its backend is down, asks it with a TCP connection before each batch, instead of
 * converting and encoding the batch for a send that fails anyway: a batch is still dropped
 * exactly when the backend does not answer, as before, but the application no longer spends its
 * CPU on spans nobody receives. While the backend answers it adds nothing.
 */
public final class ProbingExporter extends ForwardingSpanExporter {

  private final ExportOutage outage;
  private final String host;
  private final int port;
  private final int timeoutMillis;

  /**
   * @param timeout how long a connection may take, as the exporter's own timeout allows
   */
  public ProbingExporter(SpanExporter delegate, ExportOutage outage, Duration timeout) {
    super(delegate);
    this.outage = outage;
    URI endpoint = parse(outage.endpoint());
    this.host = endpoint == null ? null : endpoint.getHost();
    this.port = endpoint == null ? -1 : portOf(endpoint);
    this.timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
  }

  /** The endpoint's port, or its scheme's when it names none. */
  private static int portOf(URI endpoint) {
    if (endpoint.getPort() != -1) {
      return endpoint.getPort();
    }
    return "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
  }

  private static URI parse(String endpoint) {
    try {
      return new URI(endpoint);
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    if (!outage.isReachable() && !answers()) {
      outage.failed(spans.size(), null);
      return CompletableResultCode.ofFailure();
    }
    return delegate.export(spans);
  }

  /**
   * Whether the backend accepts a connection; its answer to the batch tells the rest. An
   * endpoint it cannot read (the configuration checks it first) is left to the exporter.
   */
  private boolean answers() {
    if (host == null) {
      return true;
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), timeoutMillis);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
