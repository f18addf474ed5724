package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An application that traces with the OpenTelemetry API alone (no SDK): each publish inside a
 * {@code checkout} span of its own, with baggage {@code tenant=tenant-<n>} current (issue 22).
 * The last message is published by a thread-pool task submitted inside the span. Prints {@code
 * CHECKOUT <message id> <span id>}, and {@code POOLED <message id> <thread>} for the pooled one.
 */
public final class ApiCheckout {
  private ApiCheckout() {}

  public static void main(String[] argv) throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      ProducerRun.run("api-checkout", argv, (channel, queue, args) -> {
        String prefix = args.require("id-prefix");
        int count = args.integer("count", 3);
        for (int n = 1; n <= count; n++) {
          String messageId = prefix + "-" + n;
          byte[] body = ("order " + n).getBytes(StandardCharsets.UTF_8);
          AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId(messageId).build();
          Span checkout = GlobalOpenTelemetry.getTracer("shop").spanBuilder("checkout").startSpan();
          try (Scope withSpan = checkout.makeCurrent();
              Scope withBaggage =
                  Baggage.current().toBuilder().put("tenant", "tenant-" + n).build().makeCurrent()) {
            if (n < count) {
              ProducerRun.publish(channel, "", queue, props, body);
            } else {
              String thread = pool.submit(() -> {
                ProducerRun.publish(channel, "", queue, props, body);
                return Thread.currentThread().getName();
              }).get();
              System.out.println("POOLED " + messageId + " " + thread);
            }
          } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new java.io.IOException(e);
          } finally {
            checkout.end();
          }
          System.out.println("CHECKOUT " + messageId + " " + checkout.getSpanContext().getSpanId());
        }
      });
    } finally {
      pool.shutdown();
    }
  }
}
