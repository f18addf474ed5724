package io.warren.instrumentation.rabbitmq.bootstrap;

import java.util.List;

/**
 * Values under ascending tags (a channel's publish sequence numbers or delivery tags), oldest
 * first. The client numbers both in the order it sends or receives, so a new tag is always the
 * highest and lookups are binary searches; a removed entry leaves a hole until the arrays are
 * compacted. Not thread-safe: the owner locks.
 */
final class TagTable {

  private long[] tags = new long[16];
  private Object[] values = new Object[16];
  /** Entries are in [first, end); a hole has a null value. */
  private int first;

  private int end;
  private int size;

  int size() {
    return size;
  }

  /** Adds {@code value} under {@code tag}; false, and nothing added, if tag is not the highest. */
  boolean add(long tag, Object value) {
    if (end > first && tags[end - 1] >= tag) {
      return false;
    }
    if (end == tags.length) {
      compact();
    }
    tags[end] = tag;
    values[end++] = value;
    size++;
    return true;
  }

  /** Removes and returns the value under {@code tag}, or null. */
  Object remove(long tag) {
    int low = first;
    int high = end - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      if (tags[middle] < tag) {
        low = middle + 1;
      } else if (tags[middle] > tag) {
        high = middle - 1;
      } else {
        Object value = values[middle];
        if (value != null) {
          values[middle] = null;
          size--;
          skipHoles();
        }
        return value;
      }
    }
    return null;
  }

  /** Removes and returns the oldest value, or null when empty. */
  Object removeOldest() {
    return size == 0 ? null : removeOldestUpTo(Long.MAX_VALUE);
  }

  /** Removes and returns the oldest value if its tag is at most {@code tag}; else null. */
  Object removeOldestUpTo(long tag) {
    skipHoles();
    if (first == end || tags[first] > tag) {
      return null;
    }
    Object value = values[first];
    values[first++] = null;
    size--;
    skipHoles();
    return value;
  }

  /** The oldest value, left in place; null when empty. */
  Object oldest() {
    skipHoles();
    return first == end ? null : values[first];
  }

  /** Adds every value to {@code into}, oldest first. */
  void copyInto(List<Object> into) {
    for (int i = first; i < end; i++) {
      if (values[i] != null) {
        into.add(values[i]);
      }
    }
  }

  private void skipHoles() {
    while (first < end && values[first] == null) {
      first++;
    }
    if (first == end) {
      first = 0;
      end = 0;
    }
  }

  /** Moves the entries to the front, into arrays twice their number (at least 16). */
  private void compact() {
    int length = Math.max(16, size * 2);
    long[] newTags = length == tags.length ? tags : new long[length];
    Object[] newValues = length == values.length ? values : new Object[length];
    int count = 0;
    for (int i = first; i < end; i++) {
      if (values[i] != null) {
        newTags[count] = tags[i];
        newValues[count++] = values[i];
      }
    }
    for (int i = count; i < newValues.length && i < end; i++) {
      newValues[i] = null;
    }
    tags = newTags;
    values = newValues;
    first = 0;
    end = count;
  }
}
