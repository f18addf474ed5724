package io.warren.agent.otel;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.warren.bootstrap.MessageDetails;
import io.warren.bootstrap.MessagingTracer;
import java.util.concurrent.TimeUnit;

/** Makes OpenTelemetry spans for what the advice reports, and carries context in headers. */
public final class OtelMessagingTracer implements MessagingTracer {

  static final String INSTRUMENTATION_NAME = "io.warren.rabbitmq";

  private final Tracer tracer;
  private final TextMapPropagator propagator;

  public OtelMessagingTracer(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer(INSTRUMENTATION_NAME);
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  @Override
  public Object startPublish(MessageDetails message) {
    Context parent = Context.current();
    Span span = spanBuilder(Operation.PUBLISH, message, parent).startSpan();
    propagator.inject(parent.with(span), message.headers(), HeaderSetter.INSTANCE);
    return span;
  }

  @Override
  public Object startProcess(MessageDetails message) {
    Context parent = parentOf(message);
    Span span = spanBuilder(Operation.PROCESS, message, parent).startSpan();
    return new ProcessScope(span, parent.with(span).makeCurrent());
  }

  @Override
  public void recordReceive(MessageDetails message, long startEpochNanos, Throwable error) {
    Span span =
        spanBuilder(Operation.RECEIVE, message, parentOf(message))
            .setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS)
            .startSpan();
    end(span, error);
  }

  @Override
  public void end(Object handle, Throwable error) {
    Span span;
    if (handle instanceof ProcessScope) {
      ProcessScope process = (ProcessScope) handle;
      process.scope.close();
      span = process.span;
    } else {
      span = (Span) handle;
    }
    if (error != null) {
      span.recordException(error);
      span.setStatus(StatusCode.ERROR);
      span.setAttribute(MessagingAttributes.ERROR_TYPE, error.getClass().getName());
    }
    span.end();
  }

  /**
   * The producer's context from the headers; without one (an untraced or foreign producer, a
   * malformed header), whatever is current on this thread, so the span starts a new trace only
   * when there is nothing to join.
   */
  private Context parentOf(MessageDetails message) {
    return propagator.extract(Context.current(), message.headers(), HeaderGetter.INSTANCE);
  }

  private SpanBuilder spanBuilder(Operation operation, MessageDetails message, Context parent) {
    SpanBuilder builder =
        tracer
            .spanBuilder(SpanNames.of(operation, message))
            .setSpanKind(operation.kind)
            .setParent(parent);
    MessagingAttributes.apply(builder, operation, message);
    return builder;
  }

  /** A delivery's span and the scope that keeps it current while the handler runs. */
  private static final class ProcessScope {
    final Span span;
    final Scope scope;

    ProcessScope(Span span, Scope scope) {
      this.span = span;
      this.scope = scope;
    }
  }
}
