package io.warren.smoketest.apps;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;

/**
 * A consumer that traces with the OpenTelemetry API alone (no SDK): in its handler it tags the
 * span current with the order, adds an {@code order checked} event and a status (an error for
 * message ids ending {@code -2}, else OK) and starts a {@code handle} span of its own (issue 22).
 * Prints {@code CURRENT <message id> <span id or none>} and {@code BAGGAGE <message id> <tenant
 * or none>}.
 */
public final class ApiHandler {
  private ApiHandler() {}

  public static void main(String[] argv) throws Exception {
    ConsumerRun.run("api-handler", argv, false, (channel, queue, delivered) ->
        channel.basicConsume(queue, true, (tag, delivery) -> {
          String messageId = delivery.getProperties().getMessageId();
          Span current = Span.current();
          current.setAttribute("order.id", messageId);
          current.addEvent("order checked", Attributes.of(AttributeKey.longKey("order.lines"), 2L));
          if (messageId.endsWith("-2")) {
            current.setStatus(StatusCode.ERROR, "held for review");
          } else {
            current.setStatus(StatusCode.OK);
          }
          Span handle = GlobalOpenTelemetry.getTracer("shop").spanBuilder("handle").startSpan();
          handle.end();
          SpanContext seen = current.getSpanContext();
          System.out.println("CURRENT " + messageId + " " + (seen.isValid() ? seen.getSpanId() : "none"));
          String tenant = Baggage.current().getEntryValue("tenant");
          System.out.println("BAGGAGE " + messageId + " " + (tenant == null ? "none" : tenant));
          ConsumerRun.printReceived(delivery.getProperties(), delivery.getBody());
          delivered.run();
        }, tag -> { }));
  }
}
