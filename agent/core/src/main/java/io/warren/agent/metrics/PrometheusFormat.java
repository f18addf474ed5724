package io.warren.agent.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.ExemplarData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.data.SumData;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes metrics in Prometheus's text format 0.0.4 or in OpenMetrics 1.0.0, the one with
 * exemplars: each histogram bucket (and counter) names the trace and span of a measurement it
 * holds, so that a latency spike in Prometheus leads to its trace. The resource becomes
 * {@code target_info}.
 */
final class PrometheusFormat {

  static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final boolean openMetrics;
  private final StringBuilder out = new StringBuilder();

  private PrometheusFormat(boolean openMetrics) {
    this.openMetrics = openMetrics;
  }

  /** OpenMetrics when the scraper's {@code Accept} header asks for it, else the text format. */
  static boolean wantsOpenMetrics(String accept) {
    return accept != null && accept.contains("application/openmetrics-text");
  }

  static String write(Collection<MetricData> metrics, boolean openMetrics) {
    PrometheusFormat format = new PrometheusFormat(openMetrics);
    Resource resource = null;
    for (MetricData metric : metrics) {
      resource = resource == null ? metric.getResource() : resource;
      format.metric(metric);
    }
    if (resource != null) {
      format.targetInfo(resource);
    }
    if (openMetrics) {
      format.out.append("# EOF\n");
    }
    return format.out.toString();
  }

  private void metric(MetricData metric) {
    String family = PrometheusNames.family(metric.getName(), metric.getUnit());
    switch (metric.getType()) {
      case LONG_SUM:
        sum(metric, family, metric.getLongSumData());
        break;
      case DOUBLE_SUM:
        sum(metric, family, metric.getDoubleSumData());
        break;
      case LONG_GAUGE:
        header(family, "gauge", metric);
        points(family, "", metric.getLongGaugeData().getPoints());
        break;
      case DOUBLE_GAUGE:
        header(family, "gauge", metric);
        points(family, "", metric.getDoubleGaugeData().getPoints());
        break;
      case HISTOGRAM:
        header(family, "histogram", metric);
        for (HistogramPointData point : metric.getHistogramData().getPoints()) {
          histogram(family, point);
        }
        break;
      default:
        // Warren makes counters and histograms only.
    }
  }

  private void sum(MetricData metric, String family, SumData<? extends PointData> data) {
    if (!data.isMonotonic()) {
      header(family, "gauge", metric);
      points(family, "", data.getPoints());
      return;
    }
    // OpenMetrics names the family without _total, the text format the sample itself.
    header(openMetrics ? family : family + "_total", "counter", metric);
    points(family, "_total", data.getPoints());
  }

  private void header(String name, String type, MetricData metric) {
    if (!metric.getDescription().isEmpty()) {
      out.append("# HELP ").append(name).append(' ');
      escape(metric.getDescription(), openMetrics);
      out.append('\n');
    }
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    if (openMetrics && !PrometheusNames.unitSuffix(metric.getUnit()).isEmpty()
        && name.endsWith(PrometheusNames.unitSuffix(metric.getUnit()))) {
      out.append("# UNIT ").append(name).append(' ')
          .append(PrometheusNames.unitSuffix(metric.getUnit())).append('\n');
    }
  }

  private void points(String family, String suffix, Collection<? extends PointData> points) {
    for (PointData point : points) {
      out.append(family).append(suffix);
      labels(point.getAttributes(), null, null);
      out.append(' ');
      if (point instanceof LongPointData) {
        out.append(((LongPointData) point).getValue());
      } else {
        number(((DoublePointData) point).getValue());
      }
      exemplar(latest(point.getExemplars()));
      out.append('\n');
    }
  }

  private void histogram(String family, HistogramPointData point) {
    List<Double> boundaries = point.getBoundaries();
    List<Long> counts = point.getCounts();
    long cumulative = 0;
    for (int i = 0; i < counts.size(); i++) {
      cumulative += counts.get(i);
      double upper = i < boundaries.size() ? boundaries.get(i) : Double.POSITIVE_INFINITY;
      double lower = i == 0 ? Double.NEGATIVE_INFINITY : boundaries.get(i - 1);
      out.append(family).append("_bucket");
      labels(point.getAttributes(), "le", formatted(upper));
      out.append(' ').append(cumulative);
      exemplar(within(point.getExemplars(), lower, upper));
      out.append('\n');
    }
    out.append(family).append("_count");
    labels(point.getAttributes(), null, null);
    out.append(' ').append(point.getCount()).append('\n');
    out.append(family).append("_sum");
    labels(point.getAttributes(), null, null);
    out.append(' ');
    number(point.getSum());
    out.append('\n');
  }

  private void targetInfo(Resource resource) {
    // OpenMetrics names an info family without its _info suffix.
    out.append(openMetrics ? "# TYPE target info\n" : "# TYPE target_info gauge\n");
    out.append("target_info");
    labels(resource.getAttributes(), null, null);
    out.append(" 1\n");
  }

  /** {@code {a="x",b="y"}}, with {@code extra} last (a bucket's {@code le}); nothing when empty. */
  private void labels(Attributes attributes, String extraName, String extraValue) {
    if (attributes.isEmpty() && extraName == null) {
      return;
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<AttributeKey<?>, Object> attribute : attributes.asMap().entrySet()) {
      first = label(first, PrometheusNames.label(attribute.getKey().getKey()),
          String.valueOf(attribute.getValue()));
    }
    if (extraName != null) {
      label(first, extraName, extraValue);
    }
    out.append('}');
  }

  private boolean label(boolean first, String name, String value) {
    if (!first) {
      out.append(',');
    }
    out.append(name).append("=\"");
    escape(value, true);
    out.append('"');
    return false;
  }

  /** ` # {trace_id="...",span_id="..."} value timestamp`: OpenMetrics only, sampled spans only. */
  private void exemplar(ExemplarData exemplar) {
    if (!openMetrics || exemplar == null) {
      return;
    }
    SpanContext span = exemplar.getSpanContext();
    if (!span.isValid()) {
      return;
    }
    out.append(" # {trace_id=\"").append(span.getTraceId())
        .append("\",span_id=\"").append(span.getSpanId()).append("\"} ");
    number(valueOf(exemplar));
    long nanos = exemplar.getEpochNanos();
    out.append(' ').append(nanos / 1_000_000_000L).append('.');
    String millis = String.valueOf((nanos / 1_000_000L) % 1000);
    out.append("000", 0, 3 - millis.length()).append(millis);
  }

  private static double valueOf(ExemplarData exemplar) {
    if (exemplar instanceof io.opentelemetry.sdk.metrics.data.DoubleExemplarData) {
      return ((io.opentelemetry.sdk.metrics.data.DoubleExemplarData) exemplar).getValue();
    }
    return ((io.opentelemetry.sdk.metrics.data.LongExemplarData) exemplar).getValue();
  }

  private static ExemplarData latest(List<? extends ExemplarData> exemplars) {
    ExemplarData latest = null;
    for (ExemplarData exemplar : exemplars) {
      if (latest == null || exemplar.getEpochNanos() > latest.getEpochNanos()) {
        latest = exemplar;
      }
    }
    return latest;
  }

  /** The latest exemplar whose value falls in the bucket (lower, upper]. */
  private static ExemplarData within(List<? extends ExemplarData> exemplars, double lower, double upper) {
    ExemplarData found = null;
    for (ExemplarData exemplar : exemplars) {
      double value = valueOf(exemplar);
      if (value > lower && value <= upper
          && (found == null || exemplar.getEpochNanos() > found.getEpochNanos())) {
        found = exemplar;
      }
    }
    return found;
  }

  private void number(double value) {
    out.append(formatted(value));
  }

  private static String formatted(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    return Double.toString(value);
  }

  /** A label value escapes {@code \ " newline}; HELP text {@code \ newline}. */
  private void escape(String text, boolean quotes) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '"' && quotes) {
        out.append("\\\"");
      } else {
        out.append(c);
      }
    }
  }
}
