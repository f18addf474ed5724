package io.warren.instrumentation.opentelemetryapi.application;

import io.opentelemetry.api.common.Attributes;
import io.warren.bootstrap.SpanAttribute;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code exception} event of an exception the application records with attributes of its
 * own, written as OpenTelemetry's semantic conventions say (Warren's {@code recordException}
 * takes no attributes, so this is the one case the bridge writes the event itself).
 */
final class ExceptionEvent {

  static final String NAME = "exception";
  private static final SpanAttribute TYPE = SpanAttribute.string("exception.type");
  private static final SpanAttribute MESSAGE = SpanAttribute.string("exception.message");
  private static final SpanAttribute STACKTRACE = SpanAttribute.string("exception.stacktrace");

  private ExceptionEvent() {}

  /** The event's attributes: the exception's, then the application's. */
  static Map<SpanAttribute, Object> attributes(Throwable exception, Attributes additional) {
    Map<SpanAttribute, Object> attributes = new LinkedHashMap<SpanAttribute, Object>();
    attributes.put(TYPE, exception.getClass().getName());
    if (exception.getMessage() != null) {
      attributes.put(MESSAGE, exception.getMessage());
    }
    StringWriter stackTrace = new StringWriter();
    exception.printStackTrace(new PrintWriter(stackTrace));
    attributes.put(STACKTRACE, stackTrace.toString());
    attributes.putAll(ApplicationAttributes.mapOf(additional));
    return attributes;
  }
}
