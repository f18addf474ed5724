package io.warren.instrumentation.rabbitmq.bootstrap;

import io.warren.bootstrap.WeakIdentityMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One {@link TagTable} per client channel (ChannelN), for what waits on that channel: publishes
 * for their confirm, deliveries for their settle. Channels are held weakly; each table is locked
 * while it is read or changed.
 */
final class ChannelTables {

  private final WeakIdentityMap<TagTable> tables = new WeakIdentityMap<TagTable>();
  private final WeakIdentityMap.Factory<TagTable> newTable =
      new WeakIdentityMap.Factory<TagTable>() {
        @Override
        public TagTable create() {
          return new TagTable();
        }
      };

  /** The channel's table, made on first use. */
  TagTable of(Object channel) {
    return tables.getOrCreate(channel, newTable);
  }

  /** The channel's table, or null. */
  TagTable find(Object channel) {
    return tables.get(channel);
  }

  List<TagTable> all() {
    return tables.values();
  }

  /** Removes what waits under {@code tag} (with {@code multiple}, under every tag up to it). */
  List<Object> take(Object channel, long tag, boolean multiple) {
    TagTable table = tables.get(channel);
    if (table == null) {
      return Collections.emptyList();
    }
    List<Object> taken = new ArrayList<Object>(1);
    synchronized (table) {
      if (multiple) {
        Object value;
        while ((value = table.removeOldestUpTo(tag)) != null) {
          taken.add(value);
        }
      } else {
        Object value = table.remove(tag);
        if (value != null) {
          taken.add(value);
        }
      }
    }
    return taken;
  }

  /** Forgets the channel (it closed) and returns what still waited on it, oldest first. */
  List<Object> takeAll(Object channel) {
    TagTable table = tables.remove(channel);
    if (table == null) {
      return Collections.emptyList();
    }
    List<Object> taken = new ArrayList<Object>();
    synchronized (table) {
      table.copyInto(taken);
    }
    return taken;
  }

  int sizeOf(Object channel) {
    TagTable table = tables.get(channel);
    if (table == null) {
      return 0;
    }
    synchronized (table) {
      return table.size();
    }
  }
}
