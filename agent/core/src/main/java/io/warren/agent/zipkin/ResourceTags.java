package io.warren.agent.zipkin;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.warren.agent.export.ForwardingSpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Zipkin has no resource: its spans carry the service name and tags only, and the SDK's
 * Zipkin exporter drops every other resource attribute. This puts the resource attributes the
 * user set ({@code otel.resource.attributes}, {@code service.name} aside, which is the service)
 * on every span as tags, as OTLP receivers show them. A span's own attribute of the same name
 * wins.
 */
final class ResourceTags extends ForwardingSpanExporter {

  private final Set<String> keys;
  /** The tags of the last resource seen: every span of one SDK has the same resource. */
  private volatile ResourceAttributes last;

  private ResourceTags(SpanExporter delegate, Set<String> keys) {
    super(delegate);
    this.keys = keys;
  }

  /** {@code delegate}, adding the resource attributes named {@code keys}; as it is when none. */
  static SpanExporter around(SpanExporter delegate, Set<String> keys) {
    return keys.isEmpty() ? delegate : new ResourceTags(delegate, keys);
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    List<SpanData> tagged = new ArrayList<SpanData>(spans.size());
    for (SpanData span : spans) {
      Attributes tags = tagsOf(span.getResource());
      tagged.add(tags.isEmpty() ? span : new Tagged(span, tags));
    }
    return delegate.export(tagged);
  }

  private Attributes tagsOf(Resource resource) {
    ResourceAttributes cached = last;
    if (cached == null || cached.resource != resource) {
      AttributesBuilder tags = Attributes.builder();
      resource.getAttributes().forEach((key, value) -> {
        if (keys.contains(key.getKey())) {
          @SuppressWarnings("unchecked")
          AttributeKey<Object> anyKey = (AttributeKey<Object>) key;
          tags.put(anyKey, value);
        }
      });
      cached = new ResourceAttributes(resource, tags.build());
      last = cached;
    }
    return cached.tags;
  }

  private static final class ResourceAttributes {
    final Resource resource;
    final Attributes tags;

    ResourceAttributes(Resource resource, Attributes tags) {
      this.resource = resource;
      this.tags = tags;
    }
  }

  /** A span with the resource's tags added to its attributes. */
  private static final class Tagged extends DelegatingSpanData {
    private final Attributes attributes;
    private final int added;

    Tagged(SpanData span, Attributes tags) {
      super(span);
      this.attributes = tags.toBuilder().putAll(span.getAttributes()).build();
      this.added = attributes.size() - span.getAttributes().size();
    }

    @Override
    public Attributes getAttributes() {
      return attributes;
    }

    @Override
    public int getTotalAttributeCount() {
      return super.getTotalAttributeCount() + added;
    }
  }
}
