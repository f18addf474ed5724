package io.warren.smoketest.springotel;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes the order inside a {@code checkout} span of the application's own, made current with
 * Micrometer's tracer under Spring's HTTP server span. Prints {@code SERVER <id> <span id current
 * in the controller>} and {@code CHECKOUT <id> <span id>}.
 */
@RestController
class Checkout {
  private final Tracer tracer;
  private final RabbitTemplate rabbit;
  private final String queue;

  Checkout(Tracer tracer, RabbitTemplate rabbit, @Value("${app.queue}") String queue) {
    this.tracer = tracer;
    this.rabbit = rabbit;
    this.queue = queue;
  }

  @GetMapping("/checkout/{id}")
  String checkout(@PathVariable("id") String id) {
    Span server = tracer.currentSpan();
    System.out.println("SERVER " + id + " " + (server == null ? "none" : server.context().spanId()));
    Span checkout = tracer.nextSpan().name("checkout").start();
    try (Tracer.SpanInScope ignored = tracer.withSpan(checkout)) {
      Message message = MessageBuilder.withBody(("order " + id).getBytes())
          .setMessageId(id).build();
      rabbit.send("", queue, message);
    } finally {
      checkout.end();
    }
    System.out.println("CHECKOUT " + id + " " + checkout.context().spanId());
    return "ordered " + id;
  }
}
