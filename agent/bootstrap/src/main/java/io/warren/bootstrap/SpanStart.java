package io.warren.bootstrap;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Everything about a span to be started, in JDK types: what a module's advice (or the helpers it
 * calls) tells {@link Tracing}. A module decides the name, kind, attributes and which message
 * headers carry the context; the core only turns this into a span.
 *
 * <p>One instance per thread is reused, so describing a span allocates nothing: take it with
 * {@link #begin}, fill it, and hand it to {@link Tracing#start(SpanStart)} or {@link Tracing#startCurrent},
 * which consume it. A {@code begin} while another description is still being filled on the same
 * thread gets a fresh instance, so nesting is safe.
 */
public final class SpanStart {

  public enum Kind {
    INTERNAL,
    PRODUCER,
    CONSUMER,
    /** Handles a request that came in (an HTTP server's request). */
    SERVER,
    /** Sends a request and waits for its answer (an HTTP client's call). */
    CLIENT
  }

  /** The OpenTelemetry SDK's default limits: more attributes or links would be dropped anyway. */
  private static final int MAX_ATTRIBUTES = 32;

  private static final int MAX_LINKS = 128;

  private static final ThreadLocal<SpanStart> REUSED =
      new ThreadLocal<SpanStart>() {
        @Override
        protected SpanStart initialValue() {
          return new SpanStart();
        }
      };

  private boolean inUse;
  private String instrumentation;
  private Kind kind;
  private String name;
  private Map<String, Object> injectInto;
  private Map<String, Object> parentFrom;
  private Object parentContext;
  private boolean contextOnly;
  private boolean skipped;
  private long startEpochNanos;
  private int attributeCount;
  private final SpanAttribute[] keys = new SpanAttribute[MAX_ATTRIBUTES];
  private final Object[] values = new Object[MAX_ATTRIBUTES];
  private final long[] longValues = new long[MAX_ATTRIBUTES];
  private int linkCount;
  private Map<?, ?>[] links;
  private int linkedIdsCount;
  private TraceIds[] linkedIds;

  private SpanStart() {}

  /**
   * Starts describing a span.
   *
   * @param instrumentation the instrumentation scope (the module's name, e.g. {@code io.warren.x})
   */
  public static SpanStart begin(String instrumentation, Kind kind, String name) {
    SpanStart start = REUSED.get();
    if (start.inUse) {
      start = new SpanStart();
    }
    start.inUse = true;
    start.instrumentation = instrumentation;
    start.kind = kind;
    start.name = name;
    return start;
  }

  /** A string attribute; null values are left out. */
  public SpanStart set(SpanAttribute key, String value) {
    if (value != null && attributeCount < MAX_ATTRIBUTES) {
      keys[attributeCount] = key;
      values[attributeCount++] = value;
    }
    return this;
  }

  public SpanStart set(SpanAttribute key, long value) {
    if (attributeCount < MAX_ATTRIBUTES) {
      keys[attributeCount] = key;
      values[attributeCount] = null;
      longValues[attributeCount++] = value;
    }
    return this;
  }

  public SpanStart set(SpanAttribute key, boolean value) {
    if (attributeCount < MAX_ATTRIBUTES) {
      keys[attributeCount] = key;
      values[attributeCount++] = value ? Boolean.TRUE : Boolean.FALSE;
    }
    return this;
  }

  /** A list of strings (type {@link SpanAttribute.Type#STRING_LIST}); null is left out. */
  public SpanStart set(SpanAttribute key, List<String> value) {
    if (value != null && attributeCount < MAX_ATTRIBUTES) {
      keys[attributeCount] = key;
      values[attributeCount++] = value;
    }
    return this;
  }

  /**
   * A producer span: writes the span's context into {@code carrier}, a header map the caller owns
   * and sends. When no span is current and the carrier already holds a valid context (the
   * application traces itself), the span continues that context instead of replacing it.
   */
  public SpanStart injectInto(Map<String, Object> carrier) {
    this.injectInto = carrier;
    return this;
  }

  /**
   * A consumer span: its parent is the context found in {@code carrier} (received headers, may
   * be null), or, without one, whatever is current.
   */
  public SpanStart parentFrom(Map<String, Object> carrier) {
    this.parentFrom = carrier;
    return this;
  }

  /**
   * The parent is the span whose context {@link Tracing#contextOf} returned, ended or not: a
   * span that records what happened to a message after the span that handled it was over. Or
   * the span of a {@link TraceIds}: one known only by its ids (code that propagates by hand).
   */
  public SpanStart childOf(Object context) {
    this.parentContext = context;
    return this;
  }

  /**
   * No span, only its context: a producer writes the current context into its carrier, a
   * consumer started current makes the context of its carrier current. For destinations a user
   * chose not to trace, through which a trace must still flow.
   */
  public SpanStart contextOnly() {
    this.contextOnly = true;
    return this;
  }

  /**
   * Neither a span nor its context: {@link Tracing} starts nothing, and the call runs with the
   * context current before it.
   */
  public SpanStart skip() {
    this.skipped = true;
    return this;
  }

  /** A link to the context found in {@code carrier}, if any (for spans that cover a batch). */
  public SpanStart linkFrom(Map<String, Object> carrier) {
    if (carrier != null && linkCount < MAX_LINKS) {
      if (links == null) {
        links = new Map<?, ?>[8];
      } else if (linkCount == links.length) {
        links = Arrays.copyOf(links, Math.min(MAX_LINKS, links.length * 2));
      }
      links[linkCount++] = carrier;
    }
    return this;
  }

  /** A link to the span of {@code ids} (for code that names the span to link to itself). */
  public SpanStart linkTo(TraceIds ids) {
    if (ids != null && linkedIdsCount < MAX_LINKS) {
      if (linkedIds == null) {
        linkedIds = new TraceIds[4];
      } else if (linkedIdsCount == linkedIds.length) {
        linkedIds = Arrays.copyOf(linkedIds, Math.min(MAX_LINKS, linkedIds.length * 2));
      }
      linkedIds[linkedIdsCount++] = ids;
    }
    return this;
  }

  /** A start time other than now, as epoch nanoseconds ({@link Tracing#epochNanos()}). */
  public SpanStart startedAt(long epochNanos) {
    this.startEpochNanos = epochNanos;
    return this;
  }

  // What the tracing core reads.

  public String instrumentation() {
    return instrumentation;
  }

  public Kind kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  public Map<String, Object> injectInto() {
    return injectInto;
  }

  public Map<String, Object> parentFrom() {
    return parentFrom;
  }

  /** The context given to {@link #childOf}, or null. */
  public Object parentContext() {
    return parentContext;
  }

  public boolean isContextOnly() {
    return contextOnly;
  }

  public boolean isSkipped() {
    return skipped;
  }

  /** 0 for now. */
  public long startEpochNanos() {
    return startEpochNanos;
  }

  public int attributeCount() {
    return attributeCount;
  }

  public SpanAttribute key(int i) {
    return keys[i];
  }

  /** The value of attribute {@code i}: a String, Boolean or List, or null for a long. */
  public Object value(int i) {
    return values[i];
  }

  public long longValue(int i) {
    return longValues[i];
  }

  public int linkCount() {
    return linkCount;
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> link(int i) {
    return (Map<String, Object>) links[i];
  }

  public int linkedIdsCount() {
    return linkedIdsCount;
  }

  /** The ids given to {@link #linkTo}, in order. */
  public TraceIds linkedIds(int i) {
    return linkedIds[i];
  }

  /**
   * Forgets everything, so the reused instance holds no message data and can be taken again.
   * {@link Tracing} calls it after the backend started the span; so does any other caller of a
   * backend.
   */
  public void clear() {
    for (int i = 0; i < attributeCount; i++) {
      values[i] = null;
    }
    for (int i = 0; i < linkCount; i++) {
      links[i] = null;
    }
    for (int i = 0; i < linkedIdsCount; i++) {
      linkedIds[i] = null;
    }
    attributeCount = 0;
    linkCount = 0;
    linkedIdsCount = 0;
    injectInto = null;
    parentFrom = null;
    parentContext = null;
    contextOnly = false;
    skipped = false;
    startEpochNanos = 0;
    name = null;
    inUse = false;
  }
}
