package io.warren.instrumentation.rabbitmq.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagTableTest {

  @Test
  void findsRemovesAndKeepsOrderAcrossHoles() {
    TagTable table = new TagTable();
    for (long tag = 1; tag <= 100; tag++) {
      assertTrue(table.add(tag, "v" + tag));
    }
    assertEquals("v50", table.remove(50));
    assertNull(table.remove(50), "removed once");
    assertEquals("v1", table.removeOldestUpTo(3));
    assertEquals("v2", table.removeOldestUpTo(3));
    assertEquals("v3", table.removeOldestUpTo(3));
    assertNull(table.removeOldestUpTo(3));
    assertEquals(96, table.size());
    List<Object> left = new ArrayList<>();
    table.copyInto(left);
    assertEquals("v4", left.get(0));
    assertFalse(left.contains("v50"));
  }

  @Test
  void refusesATagThatIsNotTheHighest() {
    TagTable table = new TagTable();
    table.add(5, "five");
    assertFalse(table.add(5, "again"));
    assertFalse(table.add(4, "older"));
    assertEquals(1, table.size());
  }

  @Test
  void reusesItsSpaceWhenEntriesComeAndGo() {
    TagTable table = new TagTable();
    for (long tag = 1; tag <= 1_000_000; tag++) {
      table.add(tag, Boolean.TRUE);
      if (tag > 10) {
        assertEquals(Boolean.TRUE, table.remove(tag - 10));
      }
    }
    assertEquals(10, table.size());
    assertEquals(Boolean.TRUE, table.oldest());
  }
}
