package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An application with its own OpenTelemetry SDK, registered as the global one, whose exporter
 * keeps its spans (issue 22 item 3): each of {@code --count} publishes on {@code --queue} inside
 * a {@code checkout} span of its own, and its consumer starts a {@code handle} span per delivery.
 * Prints {@code SDK <jar of its SDK>}, {@code CHECKOUT <message id> <span id>}, {@code CURRENT
 * <message id> <span id current in the handler>}, then, once all arrived and its SDK flushed,
 * {@code OWN-SPAN <name> <trace id> <span id> <parent id>} per span its exporter got, and
 * {@code DONE}.
 */
public final class OwnSdkShop {
  private OwnSdkShop() {}

  public static void main(String[] argv) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    String queue = args.require("queue");
    String prefix = args.require("id-prefix");
    int count = args.integer("count", 3);

    KeepingExporter exporter = new KeepingExporter();
    SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).buildAndRegisterGlobal();
    Tracer tracer = GlobalOpenTelemetry.getTracer("shop");
    System.out.println("SDK " + OpenTelemetrySdk.class.getProtectionDomain().getCodeSource().getLocation());

    CountDownLatch remaining = new CountDownLatch(count);
    try (Connection connection = Rabbit.connect(args, "own-sdk-shop")) {
      Channel in = connection.createChannel();
      Rabbit.declareQueue(in, queue);
      in.basicConsume(queue, true, (tag, delivery) -> {
        String messageId = delivery.getProperties().getMessageId();
        SpanContext current = Span.current().getSpanContext();
        tracer.spanBuilder("handle").startSpan().end();
        System.out.println("CURRENT " + messageId + " " + (current.isValid() ? current.getSpanId() : "none"));
        remaining.countDown();
      }, tag -> { });
      Channel out = connection.createChannel();
      out.confirmSelect();
      for (int n = 1; n <= count; n++) {
        String messageId = prefix + "-" + n;
        Span checkout = tracer.spanBuilder("checkout").startSpan();
        try (Scope ignored = checkout.makeCurrent()) {
          out.basicPublish("", queue, new AMQP.BasicProperties.Builder().messageId(messageId).build(),
              ("order " + n).getBytes(StandardCharsets.UTF_8));
        } finally {
          checkout.end();
        }
        System.out.println("CHECKOUT " + messageId + " " + checkout.getSpanContext().getSpanId());
      }
      out.waitForConfirmsOrDie(10_000);
      if (!remaining.await(30, TimeUnit.SECONDS)) {
        System.out.println("TIMEOUT");
        System.exit(2);
      }
    }
    tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
    for (SpanData span : exporter.spans) {
      System.out.println("OWN-SPAN " + span.getName() + " " + span.getTraceId() + " "
          + span.getSpanId() + " " + span.getParentSpanId());
    }
    tracerProvider.shutdown().join(10, TimeUnit.SECONDS);
    System.out.println("DONE");
  }

  /** The application's own exporter: keeps what its SDK exports. */
  private static final class KeepingExporter implements SpanExporter {
    final List<SpanData> spans = new CopyOnWriteArrayList<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAll(batch);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
