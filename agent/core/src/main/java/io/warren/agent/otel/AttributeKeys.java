package io.warren.agent.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.warren.bootstrap.SpanAttribute;

/** OpenTelemetry's key for each module's {@link SpanAttribute}, made once and kept on it. */
final class AttributeKeys {

  private AttributeKeys() {}

  static AttributeKey<?> of(SpanAttribute attribute) {
    Object converted = attribute.converted();
    if (converted == null) {
      converted = create(attribute);
      attribute.converted(converted);
    }
    return (AttributeKey<?>) converted;
  }

  @SuppressWarnings("unchecked")
  static AttributeKey<String> string(SpanAttribute attribute) {
    return (AttributeKey<String>) of(attribute);
  }

  private static AttributeKey<?> create(SpanAttribute attribute) {
    switch (attribute.type()) {
      case LONG:
        return AttributeKey.longKey(attribute.name());
      case BOOLEAN:
        return AttributeKey.booleanKey(attribute.name());
      case STRING_LIST:
        return AttributeKey.stringArrayKey(attribute.name());
      default:
        return AttributeKey.stringKey(attribute.name());
    }
  }

}
