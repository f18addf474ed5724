package io.warren.instrumentation.rabbitmq.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Series are made once per combination, and a flood of names ends in one overflow series. */
class SeriesCacheTest {

  private static final String OVERFLOW = "overflow";

  private final SeriesCache<String> cache =
      new SeriesCache<String>("test", (a, b, c, d, n) -> a + "/" + b + "/" + c + "/" + d + "/" + n, OVERFLOW);

  @Test
  void eachCombinationIsMadeOnceAndFoundAgain() {
    String first = cache.get("orders", "ack", Boolean.TRUE, null, 5672);
    assertSame(first, cache.get("orders", "ack", Boolean.TRUE, null, 5672));
    assertEquals("orders/ack/true/null/5672", first);
    assertEquals("orders/ack/false/null/5672", cache.get("orders", "ack", Boolean.FALSE, null, 5672));
    assertEquals("orders/ack/true/null/5673", cache.get("orders", "ack", Boolean.TRUE, null, 5673));
    assertEquals(3, cache.size());
  }

  @Test
  void combinationsTakenInTurnKeepTheirOwnValuesEqualTextOrNot() {
    // More combinations in turn than a thread remembers, each asked with new but equal text too.
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 10; i++) {
        String queue = "queue-" + i;
        assertEquals(queue + "/ack/null/null/5672", cache.get(queue, "ack", null, null, 5672));
        assertEquals(queue + "/ack/null/null/5672", cache.get(new String(queue), "ack", null, null, 5672));
        assertEquals(queue + "/ack/null/null/5673", cache.get(queue, "ack", null, null, 5673));
        assertEquals(queue + "/nack/null/null/5672", cache.get(queue, "nack", null, null, 5672));
      }
    }
    assertEquals(30, cache.size());
  }

  @Test
  void anotherThreadFindsWhatThisOneMade() throws Exception {
    String made = cache.get("orders", "ack", null, null, 5672);
    String[] found = new String[1];
    Thread other = new Thread(() -> found[0] = cache.get(new String("orders"), "ack", null, null, 5672));
    other.start();
    other.join();
    assertSame(made, found[0]);
  }

  @Test
  void pastTheCapEveryNewCombinationIsTheOverflowSeriesWithOneWarning() {
    PrintStream err = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true));
    Map<String, Boolean> distinct = new IdentityHashMap<>();
    try {
      for (int i = 0; i < SeriesCache.MAX + 500; i++) {
        distinct.put(cache.get("queue-" + i, null, null, null, 0), Boolean.TRUE);
      }
    } finally {
      System.setErr(err);
    }
    assertEquals(SeriesCache.MAX + 1, distinct.size(), "the cap's series and the overflow one");
    assertEquals(SeriesCache.MAX, cache.size());
    assertSame(OVERFLOW, cache.get("queue-" + (SeriesCache.MAX + 1), null, null, null, 0));
    assertEquals("queue-0/null/null/null/0", cache.get("queue-0", null, null, null, 0), "the first ones stay");
    String logged = log.toString(StandardCharsets.UTF_8);
    assertEquals(1, logged.lines().count(), logged);
  }
}
