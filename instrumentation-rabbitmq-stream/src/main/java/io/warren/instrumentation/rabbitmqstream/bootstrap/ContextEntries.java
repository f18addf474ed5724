package io.warren.instrumentation.rabbitmqstream.bootstrap;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The carrier a stream message's context is read from and written to: what the message already
 * carries (its message annotations, then its application properties, which win), and, once
 * {@link #of} has filled it, a record of every entry the tracing core writes, so that exactly
 * those entries, and nothing else, are added to the message that is sent.
 */
public final class ContextEntries extends HashMap<String, Object> {

  private static final long serialVersionUID = 1L;

  private Map<String, Object> written;

  private ContextEntries() {}

  /** What a message carries, to read a context from or continue one in; either may be null. */
  public static ContextEntries of(Map<String, Object> annotations, Map<String, Object> properties) {
    ContextEntries carrier = new ContextEntries();
    if (annotations != null) {
      carrier.putAll(annotations);
    }
    if (properties != null) {
      carrier.putAll(properties);
    }
    carrier.written = new LinkedHashMap<String, Object>(4);
    return carrier;
  }

  @Override
  public Object put(String key, Object value) {
    if (written != null) {
      written.put(key, value);
    }
    return super.put(key, value);
  }

  /** The entries written since {@link #of}, in the order written (empty: none). */
  public Map<String, Object> written() {
    return written == null ? new LinkedHashMap<String, Object>() : written;
  }
}
