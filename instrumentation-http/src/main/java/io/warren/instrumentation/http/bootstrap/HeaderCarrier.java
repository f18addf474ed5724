package io.warren.instrumentation.http.bootstrap;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request's headers as the carrier the bridge reads a context from: HTTP header names are
 * case-insensitive, and a header may come several times, which a carrier reads as one value, the
 * values joined by commas (as HTTP defines it: {@code baggage} sent in two headers is one list; two
 * {@code traceparent} headers are one malformed value, so a new trace). A read-only view: the
 * request's headers are never copied or changed.
 */
public final class HeaderCarrier extends AbstractMap<String, Object> {

  private final Map<String, ? extends List<String>> headers;

  private HeaderCarrier(Map<String, ? extends List<String>> headers) {
    this.headers = headers;
  }

  /** A view of a header map of name to values (the JDK's HttpServer, HttpClient, URLConnection). */
  public static Map<String, Object> of(Map<String, ? extends List<String>> headers) {
    return new HeaderCarrier(headers);
  }

  @Override
  public Object get(Object name) {
    if (!(name instanceof String)) {
      return null;
    }
    List<String> values = headers.get(name);
    if (values == null) {
      for (Map.Entry<String, ? extends List<String>> header : headers.entrySet()) {
        if (((String) name).equalsIgnoreCase(header.getKey())) {
          values = header.getValue();
          break;
        }
      }
    }
    return joined(values);
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<Entry<String, Object>>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        final Iterator<? extends Entry<String, ? extends List<String>>> each = headers.entrySet().iterator();
        return new Iterator<Entry<String, Object>>() {
          @Override
          public boolean hasNext() {
            return each.hasNext();
          }

          @Override
          public Entry<String, Object> next() {
            Entry<String, ? extends List<String>> header = each.next();
            return new SimpleImmutableEntry<String, Object>(header.getKey(), joined(header.getValue()));
          }
        };
      }

      @Override
      public int size() {
        return headers.size();
      }
    };
  }

  private static String joined(List<String> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() == 1) {
      return values.get(0);
    }
    StringBuilder text = new StringBuilder();
    for (String value : values) {
      if (text.length() > 0) {
        text.append(',');
      }
      text.append(value);
    }
    return text.toString();
  }
}
