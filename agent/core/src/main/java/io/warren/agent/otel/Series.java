package io.warren.agent.otel;

import io.opentelemetry.api.common.Attributes;
import java.util.Arrays;

/**
 * One attribute set in the SDK's form, kept in the set's {@code converted} slot, and the {@link
 * Cell} each instrument (by its index) records it into: finding a measurement's cell is one
 * array read.
 */
final class Series {

  private static final Cell[] NONE = new Cell[0];

  final Object owner;
  final Attributes attributes;
  /** Replaced, never changed, so that a reader needs no lock. */
  private volatile Cell[] cells = NONE;

  Series(Object owner, Attributes attributes) {
    this.owner = owner;
    this.attributes = attributes;
  }

  Cell cell(int instrument) {
    Cell[] known = cells;
    return instrument < known.length ? known[instrument] : null;
  }

  synchronized void cell(int instrument, Cell cell) {
    Cell[] known = Arrays.copyOf(cells, Math.max(cells.length, instrument + 1));
    known[instrument] = cell;
    cells = known;
  }
}
