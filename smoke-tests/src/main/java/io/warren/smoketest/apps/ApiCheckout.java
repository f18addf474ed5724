package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;

/**
 * An application that traces with the OpenTelemetry API alone (no SDK): each publish inside a
 * {@code checkout} span of its own (issue 22). Prints {@code CHECKOUT <message id> <span id>}.
 */
public final class ApiCheckout {
  private ApiCheckout() {}

  public static void main(String[] argv) throws Exception {
    ProducerRun.run("api-checkout", argv, (channel, queue, args) -> {
      String prefix = args.require("id-prefix");
      for (int n = 1; n <= args.integer("count", 3); n++) {
        String messageId = prefix + "-" + n;
        Span checkout = GlobalOpenTelemetry.getTracer("shop").spanBuilder("checkout").startSpan();
        try (Scope ignored = checkout.makeCurrent()) {
          ProducerRun.publish(channel, "", queue,
              new AMQP.BasicProperties.Builder().messageId(messageId).build(),
              ("order " + n).getBytes(StandardCharsets.UTF_8));
        } finally {
          checkout.end();
        }
        System.out.println("CHECKOUT " + messageId + " " + checkout.getSpanContext().getSpanId());
      }
    });
  }
}
