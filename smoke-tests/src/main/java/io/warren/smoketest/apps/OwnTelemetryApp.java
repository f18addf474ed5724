package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * An application that brings its own OpenTelemetry SDK (registered as the global one) and its
 * own Byte Buddy, the way many services do, and also publishes and consumes {@code --count}
 * messages on {@code --queue}. Prints what it observed of its own libraries:
 * {@code OWN-SPANS <names>}, {@code OWN-TRACE <trace id>}, {@code BYTE-BUDDY <toString of a
 * generated class>}, {@code BYTE-BUDDY-JAR <where Byte Buddy was loaded from>},
 * {@code OTEL-JAR ...}, then {@code RECEIVED-ID <id>} per message and {@code DONE}.
 */
public final class OwnTelemetryApp {
  private OwnTelemetryApp() {}

  public static void main(String[] argv) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    String queue = args.require("queue");
    String idPrefix = args.require("id-prefix");
    int count = args.integer("count", 3);

    RecordingExporter exporter = new RecordingExporter();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
        .buildAndRegisterGlobal();
    Tracer tracer = GlobalOpenTelemetry.getTracer("own-telemetry-app");

    Object generated = new ByteBuddy().subclass(Object.class)
        .method(ElementMatchers.named("toString"))
        .intercept(FixedValue.value("made by the app's Byte Buddy"))
        .make()
        .load(OwnTelemetryApp.class.getClassLoader())
        .getLoaded().getDeclaredConstructor().newInstance();
    System.out.println("BYTE-BUDDY " + generated);
    System.out.println("BYTE-BUDDY-JAR " + location(ByteBuddy.class));
    System.out.println("OTEL-JAR " + location(OpenTelemetrySdk.class));

    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    Span work = tracer.spanBuilder("own-work").startSpan();
    try (Scope ignored = work.makeCurrent();
        Connection connection = Rabbit.connect(args, "own-telemetry-app")) {
      Channel in = connection.createChannel();
      Rabbit.declareQueue(in, queue);
      in.basicConsume(queue, true,
          (tag, delivery) -> received.add(delivery.getProperties().getMessageId()), tag -> { });
      Channel out = connection.createChannel();
      out.confirmSelect();
      for (int n = 1; n <= count; n++) {
        Span child = tracer.spanBuilder("own-publish-" + n).startSpan();
        try (Scope inner = child.makeCurrent()) {
          out.basicPublish("", queue, new AMQP.BasicProperties.Builder()
              .messageId(idPrefix + "-" + n).build(), ("own " + n).getBytes(StandardCharsets.UTF_8));
        } finally {
          child.end();
        }
      }
      out.waitForConfirmsOrDie(10_000);
      for (int n = 1; n <= count; n++) {
        String id = received.poll(30, TimeUnit.SECONDS);
        if (id == null) {
          System.out.println("TIMEOUT");
          System.exit(2);
        }
        System.out.println("RECEIVED-ID " + id);
      }
    } finally {
      work.end();
    }
    sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    System.out.println("OWN-SPANS " + exporter.names());
    System.out.println("OWN-TRACE " + work.getSpanContext().getTraceId());
    sdk.close();
    System.out.println("DONE");
  }

  private static String location(Class<?> type) {
    var source = type.getProtectionDomain().getCodeSource();
    return source == null ? "(boot)" : String.valueOf(source.getLocation());
  }

  /** Keeps what the app's own SDK exported. */
  private static final class RecordingExporter implements SpanExporter {
    private final List<SpanData> spans = new CopyOnWriteArrayList<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAll(batch);
      return CompletableResultCode.ofSuccess();
    }

    List<String> names() {
      return spans.stream().map(SpanData::getName).sorted().toList();
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
