package io.warren.smoketest.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One span as Zipkin's v2 API returns it (only the fields the tests look at). */
public record ZipkinSpan(
    String traceId,
    String id,
    String parentId,
    String kind,
    String name,
    long timestamp,
    long duration,
    String localServiceName,
    String remoteServiceName,
    Map<String, String> tags,
    List<String> annotations) {

  static ZipkinSpan from(JsonNode json) {
    Map<String, String> tags = new LinkedHashMap<>();
    json.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
    List<String> annotations = new ArrayList<>();
    json.path("annotations").forEach(a -> annotations.add(a.path("value").asText()));
    return new ZipkinSpan(
        json.path("traceId").asText(),
        json.path("id").asText(),
        text(json.get("parentId")),
        text(json.get("kind")),
        text(json.get("name")),
        json.path("timestamp").asLong(),
        json.path("duration").asLong(),
        text(json.path("localEndpoint").get("serviceName")),
        text(json.path("remoteEndpoint").get("serviceName")),
        Collections.unmodifiableMap(tags),
        List.copyOf(annotations));
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  public String tag(String key) {
    return tags.get(key);
  }

  public boolean isRoot() {
    return parentId == null;
  }

  @Override
  public String toString() {
    return localServiceName + " " + kind + " '" + name + "' trace=" + traceId + " id=" + id
        + " parent=" + parentId + " remote=" + remoteServiceName + " tags=" + tags
        + (annotations.isEmpty() ? "" : " annotations=" + annotations);
  }
}
