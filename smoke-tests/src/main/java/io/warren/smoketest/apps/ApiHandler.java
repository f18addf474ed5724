package io.warren.smoketest.apps;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * A consumer that traces with the OpenTelemetry API alone (no SDK): in its handler it tags the
 * span current with the order and starts a {@code handle} span of its own (issue 22). Prints
 * {@code CURRENT <message id> <span id or none>}.
 */
public final class ApiHandler {
  private ApiHandler() {}

  public static void main(String[] argv) throws Exception {
    ConsumerRun.run("api-handler", argv, false, (channel, queue, delivered) ->
        channel.basicConsume(queue, true, (tag, delivery) -> {
          String messageId = delivery.getProperties().getMessageId();
          Span current = Span.current();
          current.setAttribute("order.id", messageId);
          Span handle = GlobalOpenTelemetry.getTracer("shop").spanBuilder("handle").startSpan();
          handle.end();
          SpanContext seen = current.getSpanContext();
          System.out.println("CURRENT " + messageId + " " + (seen.isValid() ? seen.getSpanId() : "none"));
          ConsumerRun.printReceived(delivery.getProperties(), delivery.getBody());
          delivered.run();
        }, tag -> { }));
  }
}
