package io.warren.agent.otel;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.warren.agent.export.ForwardingSpanExporter;
import io.warren.bootstrap.AgentThreads;
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An exporter whose work runs on the agent's own threads ({@link AgentThreads}): the HTTP
 * requests that carry spans to a backend are never traced themselves. The export call is marked
 * on the thread that makes it; an OTLP exporter, which sends from a pool of its own, gets a pool
 * of the agent's own threads.
 */
final class AgentThreadExporter extends ForwardingSpanExporter {

  /** Null unless this exporter owns the pool its delegate sends from. */
  private final ExecutorService senders;

  private AgentThreadExporter(SpanExporter delegate, ExecutorService senders) {
    super(delegate);
    this.senders = senders;
  }

  static SpanExporter of(SpanExporter exporter) {
    if (exporter instanceof OtlpHttpSpanExporter) {
      ExecutorService senders = senderPool();
      return new AgentThreadExporter(
          ((OtlpHttpSpanExporter) exporter).toBuilder().setExecutorService(senders).build(), senders);
    }
    return new AgentThreadExporter(exporter, null);
  }

  /** The pool the JDK sender would make for itself (up to max(cores, 5) threads, idle 60 s), of agent threads. */
  static ExecutorService senderPool() {
    return new ThreadPoolExecutor(0, Math.max(Runtime.getRuntime().availableProcessors(), 5),
        60, TimeUnit.SECONDS, new SynchronousQueue<Runnable>(),
        AgentThreads.factory("warren-otlp-sender"));
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    return asTheAgent(() -> delegate.export(spans));
  }

  @Override
  public CompletableResultCode flush() {
    return asTheAgent(delegate::flush);
  }

  @Override
  public CompletableResultCode shutdown() {
    return asTheAgent(() -> {
      CompletableResultCode done = delegate.shutdown();
      if (senders != null) {
        senders.shutdown();
      }
      return done;
    });
  }

  private static CompletableResultCode asTheAgent(Supplier<CompletableResultCode> work) {
    boolean before = AgentThreads.enter();
    try {
      return work.get();
    } finally {
      AgentThreads.exit(before);
    }
  }
}
