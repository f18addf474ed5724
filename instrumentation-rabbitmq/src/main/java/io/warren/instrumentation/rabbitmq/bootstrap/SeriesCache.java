package io.warren.instrumentation.rabbitmq.bootstrap;

import io.warren.bootstrap.WarrenLog;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The metric series (attribute sets, or what a module keeps per set) made so far for one kind of
 * measurement, by up to four bounded values and a number (a port). A lookup allocates nothing:
 * it first checks the few combinations this thread looked up last, by identity (a thread
 * measures the same queue, broker and outcome message after message, with the same strings:
 * no hashing, no map, few cache lines), then probes the map with a key this thread reuses. At
 * most {@link #MAX} are kept; after that, every new combination gets the one overflow value and
 * one warning is logged, so a flood of names never grows the map or the backend's series.
 */
final class SeriesCache<V> {

  static final int MAX = 1000;

  /** Makes the value for a combination seen for the first time. */
  interface Factory<V> {
    V create(Object a, Object b, Object c, Object d, long n);
  }

  private final String what;
  private final Factory<V> factory;
  private final V overflow;
  private final ConcurrentHashMap<Key, V> made = new ConcurrentHashMap<Key, V>();
  private final AtomicInteger size = new AtomicInteger();
  private final ThreadLocal<Key> probe =
      new ThreadLocal<Key>() {
        @Override
        protected Key initialValue() {
          return new Key();
        }
      };
  private volatile boolean overflowLogged;

  SeriesCache(String what, Factory<V> factory, V overflow) {
    this.what = what;
    this.factory = factory;
    this.overflow = overflow;
  }

  @SuppressWarnings("unchecked")
  V get(Object a, Object b, Object c, Object d, long n) {
    Key key = probe.get();
    Object recent = key.recent(a, b, c, d, n);
    if (recent != null) {
      return (V) recent;
    }
    V found = made.get(key.set(a, b, c, d, n));
    key.set(null, null, null, null, 0);
    V value = found != null ? found : create(a, b, c, d, n);
    key.remember(a, b, c, d, n, value);
    return value;
  }

  private V create(Object a, Object b, Object c, Object d, long n) {
    if (size.get() >= MAX) {
      if (!overflowLogged) {
        overflowLogged = true;
        WarrenLog.warn("more than " + MAX + " distinct " + what + " series; further ones are"
            + " recorded as one series with otel.metric.overflow=true");
      }
      return overflow;
    }
    V value = factory.create(a, b, c, d, n);
    V raced = made.putIfAbsent(new Key().set(a, b, c, d, n), value);
    if (raced != null) {
      return raced;
    }
    size.incrementAndGet();
    return value;
  }

  int size() {
    return size.get();
  }

  /**
   * Up to four values and a number; mutable only while a thread probes with it. The probe of a
   * thread also remembers the {@value #RECENT} combinations it found last, and their values.
   */
  private static final class Key {
    private static final int RECENT = 4;
    /** Per remembered combination: its four values, then what it found. */
    private Object[] recent;
    private long[] recentNumbers;
    private int next;
    private Object a;
    private Object b;
    private Object c;
    private Object d;
    private long n;
    private int hash;

    Key set(Object a, Object b, Object c, Object d, long n) {
      this.a = a;
      this.b = b;
      this.c = c;
      this.d = d;
      this.n = n;
      this.hash = (((hashOf(a) * 31 + hashOf(b)) * 31 + hashOf(c)) * 31 + hashOf(d)) * 31 + Long.hashCode(n);
      return this;
    }

    Object recent(Object a, Object b, Object c, Object d, long n) {
      Object[] known = recent;
      if (known == null) {
        return null;
      }
      for (int i = 0; i < RECENT; i++) {
        int at = i * 5;
        if (known[at] == a && known[at + 1] == b && known[at + 2] == c && known[at + 3] == d
            && recentNumbers[i] == n && known[at + 4] != null) {
          return known[at + 4];
        }
      }
      return null;
    }

    void remember(Object a, Object b, Object c, Object d, long n, Object value) {
      if (recent == null) {
        recent = new Object[RECENT * 5];
        recentNumbers = new long[RECENT];
      }
      int at = next * 5;
      recent[at] = a;
      recent[at + 1] = b;
      recent[at + 2] = c;
      recent[at + 3] = d;
      recent[at + 4] = value;
      recentNumbers[next] = n;
      next = (next + 1) % RECENT;
    }

    private static int hashOf(Object value) {
      return value == null ? 0 : value.hashCode();
    }

    private static boolean same(Object one, Object other) {
      return one == null ? other == null : one.equals(other);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Key)) {
        return false;
      }
      Key key = (Key) other;
      return n == key.n && same(a, key.a) && same(b, key.b) && same(c, key.c) && same(d, key.d);
    }
  }
}
