package io.warren.agent.otel;

import io.opentelemetry.api.common.Attributes;

/**
 * One attribute set in the SDK's form, and which instruments (by {@link SeriesCap} index) have
 * recorded it already: the check a measurement makes is one array read.
 */
final class Series {

  final Object owner;
  final Attributes attributes;
  /** A bit per instrument index; replaced, never changed, so that readers need no lock. */
  private volatile long[] recordedBy = new long[1];

  Series(Object owner, Attributes attributes) {
    this.owner = owner;
    this.attributes = attributes;
  }

  boolean recordedBy(int instrument) {
    long[] bits = recordedBy;
    int word = instrument >>> 6;
    return word < bits.length && (bits[word] & (1L << instrument)) != 0;
  }

  synchronized void markRecordedBy(int instrument) {
    long[] bits = java.util.Arrays.copyOf(recordedBy, Math.max(recordedBy.length, (instrument >>> 6) + 1));
    bits[instrument >>> 6] |= 1L << instrument;
    recordedBy = bits;
  }
}
