package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An application that traces with the OpenTelemetry API and its {@code @WithSpan} annotation, no
 * SDK (issue 22): per order, a {@code checkout} span of its own around two annotated methods that
 * publish, one synchronously ({@code <order>-sync}), one through the {@code CompletableFuture} it
 * returns, on a pool thread, after a moment's work ({@code <order>-async}). Prints {@code
 * CHECKOUT <order> <checkout span id>}.
 */
public final class WithSpanCheckout {
  /** How long the asynchronous order works before it publishes: its span lasts at least this. */
  public static final long ASYNC_WORK_MILLIS = 200;

  private WithSpanCheckout() {}

  public static void main(String[] argv) throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      ProducerRun.run("withspan-checkout", argv, (channel, queue, args) -> {
        Orders orders = new Orders(channel, queue, pool);
        String prefix = args.require("id-prefix");
        for (int n = 1; n <= args.integer("count", 3); n++) {
          String order = prefix + "-" + n;
          Span checkout = GlobalOpenTelemetry.getTracer("shop").spanBuilder("checkout").startSpan();
          try (Scope ignored = checkout.makeCurrent()) {
            orders.place(order + "-sync");
            orders.placeLater(order + "-async").join();
          } finally {
            checkout.end();
          }
          System.out.println("CHECKOUT " + order + " " + checkout.getSpanContext().getSpanId());
        }
      });
    } finally {
      pool.shutdown();
    }
  }

  /** The application's order service, traced by annotation. */
  static final class Orders {
    private final Channel channel;
    private final String queue;
    private final ExecutorService pool;

    Orders(Channel channel, String queue, ExecutorService pool) {
      this.channel = channel;
      this.queue = queue;
      this.pool = pool;
    }

    @WithSpan
    void place(@SpanAttribute("order.id") String messageId) throws IOException {
      Span.current().setAttribute("order.step", "place");
      publish(messageId);
    }

    @WithSpan("place later")
    CompletableFuture<Void> placeLater(@SpanAttribute("order.id") String messageId) {
      return CompletableFuture.runAsync(() -> {
        try {
          Thread.sleep(ASYNC_WORK_MILLIS);
          publish(messageId);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, pool);
    }

    private void publish(String messageId) throws IOException {
      ProducerRun.publish(channel, "", queue,
          new AMQP.BasicProperties.Builder().messageId(messageId).build(),
          ("order " + messageId).getBytes(StandardCharsets.UTF_8));
    }
  }
}
