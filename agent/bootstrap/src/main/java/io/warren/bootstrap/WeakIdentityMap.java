package io.warren.bootstrap;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map from a library's or an application's objects (consumers, channels, tasks) to
 * what a module remembers about them. Keys are held weakly and compared by identity, so the map
 * never keeps an application's object alive and never calls its equals or hashCode; entries of
 * collected keys go at the next write. In the bridge because modules' helpers of every library
 * need it.
 */
public final class WeakIdentityMap<V> {

  /** Makes the value for a key seen the first time. */
  public interface Factory<V> {
    V create();
  }

  private final ConcurrentHashMap<Key, V> map = new ConcurrentHashMap<Key, V>();
  private final ReferenceQueue<Object> collected = new ReferenceQueue<Object>();

  public V get(Object key) {
    return key == null ? null : map.get(new Key(key, null));
  }

  public V getOrCreate(Object key, Factory<V> factory) {
    V value = map.get(new Key(key, null));
    if (value == null) {
      forgetCollected();
      V created = factory.create();
      value = map.putIfAbsent(new Key(key, collected), created);
      if (value == null) {
        value = created;
      }
    }
    return value;
  }

  /** Sets the value of {@code key}, replacing any. */
  public void put(Object key, V value) {
    if (key != null && value != null) {
      forgetCollected();
      map.put(new Key(key, collected), value);
    }
  }

  public V remove(Object key) {
    forgetCollected();
    return key == null ? null : map.remove(new Key(key, null));
  }

  /** A snapshot of the values. */
  public List<V> values() {
    return new ArrayList<V>(map.values());
  }

  public int size() {
    forgetCollected();
    return map.size();
  }

  private void forgetCollected() {
    Object key;
    while ((key = collected.poll()) != null) {
      map.remove(key);
    }
  }

  /** A weak, identity-based map key. */
  private static final class Key extends WeakReference<Object> {
    private final int hash;

    Key(Object referent, ReferenceQueue<Object> queue) {
      super(referent, queue);
      hash = System.identityHashCode(referent);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (this == other) {
        return true;
      }
      if (!(other instanceof Key)) {
        return false;
      }
      Object referent = get();
      return referent != null && referent == ((Key) other).get();
    }
  }
}
