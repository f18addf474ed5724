package io.warren.smoketest.springotel;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The listener on {@code --app.queue} (declared here): a {@code handle} span of the
 * application's own per message, started with Micrometer's tracer inside whatever span is
 * current. Prints {@code CURRENT <id> <span id current, as the OpenTelemetry API sees it>}.
 */
@Configuration
class Handler {
  private final Tracer tracer;
  private final Semaphore handled = new Semaphore(0);

  Handler(Tracer tracer) {
    this.tracer = tracer;
  }

  @Bean
  Queue orders(@Value("${app.queue}") String queue) {
    return new Queue(queue); // durable, as the tests declare it first
  }

  @RabbitListener(queues = "${app.queue}")
  void handle(Message message) {
    String id = message.getMessageProperties().getMessageId();
    io.opentelemetry.api.trace.SpanContext current =
        io.opentelemetry.api.trace.Span.current().getSpanContext();
    Span handle = tracer.nextSpan().name("handle").start();
    try (Tracer.SpanInScope ignored = tracer.withSpan(handle)) {
      System.out.println("CURRENT " + id + " " + (current.isValid() ? current.getSpanId() : "none"));
    } finally {
      handle.end();
    }
    handled.release();
  }

  boolean await(int count, long timeout, TimeUnit unit) throws InterruptedException {
    return handled.tryAcquire(count, timeout, unit);
  }
}
