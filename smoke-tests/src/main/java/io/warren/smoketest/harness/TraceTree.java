package io.warren.smoketest.harness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Renders a trace as an indented text tree, parents above their children. */
public final class TraceTree {
  private TraceTree() {}

  /**
   * One line per span: service, kind, name, span id and parent id, indented under its parent.
   * Spans whose parent is not in the list (for example, one started by an uninstrumented
   * application) are shown as roots.
   */
  public static String render(List<ZipkinSpan> spans) {
    Set<String> ids = spans.stream().map(ZipkinSpan::id).collect(Collectors.toSet());
    Map<String, List<ZipkinSpan>> children = new LinkedHashMap<>();
    List<ZipkinSpan> roots = new ArrayList<>();
    Comparator<ZipkinSpan> byStart = Comparator.comparingLong(ZipkinSpan::timestamp);
    for (ZipkinSpan span : spans.stream().sorted(byStart).toList()) {
      if (span.parentId() == null || !ids.contains(span.parentId())) {
        roots.add(span);
      } else {
        children.computeIfAbsent(span.parentId(), k -> new ArrayList<>()).add(span);
      }
    }
    StringBuilder out = new StringBuilder();
    String traceId = spans.isEmpty() ? "(empty)" : spans.get(0).traceId();
    out.append("trace ").append(traceId).append('\n');
    for (ZipkinSpan root : roots) {
      append(out, root, children, 1);
    }
    return out.toString();
  }

  private static void append(
      StringBuilder out, ZipkinSpan span, Map<String, List<ZipkinSpan>> children, int depth) {
    out.append("  ".repeat(depth))
        .append(depth > 1 ? "└─ " : "")
        .append(span.localServiceName())
        .append("  ").append(span.kind() == null ? "LOCAL" : span.kind())
        .append("  ").append(span.name())
        .append("  id=").append(span.id())
        .append(" parent=").append(span.parentId() == null ? "-" : span.parentId())
        .append(span.remoteServiceName() == null ? "" : "  remote=" + span.remoteServiceName())
        .append(span.tags().containsKey("error") ? "  ERROR" : "")
        .append('\n');
    for (ZipkinSpan child : children.getOrDefault(span.id(), List.of())) {
      append(out, child, children, depth + 1);
    }
  }
}
