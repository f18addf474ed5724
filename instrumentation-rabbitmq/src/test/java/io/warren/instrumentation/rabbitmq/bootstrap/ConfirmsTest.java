package io.warren.instrumentation.rabbitmq.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.TracingBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Publishes waiting for the broker's confirm, without a broker: the bound and the outcomes. */
class ConfirmsTest {

  /** Counts what ends and keeps the attributes of the last few handles asked about. */
  static final class CountingBackend implements TracingBackend {
    final AtomicLong started = new AtomicLong();
    final AtomicLong ended = new AtomicLong();
    final Map<String, Object> lastAttributes = new ConcurrentHashMap<>();
    final Map<Object, String> failed = new ConcurrentHashMap<>();

    @Override
    public Object start(SpanStart span) {
      return started.incrementAndGet();
    }

    @Override
    public Object startCurrent(SpanStart span) {
      return start(span);
    }

    @Override
    public void closeScope(Object handle) {}

    @Override
    public void recordException(Object handle, Throwable error) {}

    @Override
    public void setAttribute(Object handle, SpanAttribute key, Object value) {
      lastAttributes.put(key.name(), value);
    }

    @Override
    public void fail(Object handle, String errorType, String description) {
      failed.put(handle, errorType);
    }

    @Override
    public void end(Object handle, Throwable error) {
      ended.incrementAndGet();
    }
  }

  /** The connection of every channel of a test. */
  private final Object connection = new Object();

  private final CountingBackend backend = new CountingBackend();

  @AfterEach
  void uninstall() {
    Tracing.install(null);
    Confirms.clock = System::nanoTime;
    Confirms.timeoutMillis(30_000);
  }

  private void publish(Object channel, long sequenceNumber) {
    Object handle = Tracing.start(SpanStart.begin("test", SpanStart.Kind.PRODUCER, "publish"));
    Confirms.publishing(handle, false);
    Confirms.sending(channel, connection, sequenceNumber);
    Confirms.published(handle, null);
  }

  @Test
  void aMillionUnconfirmedPublishesKeepTheBoundAndLogOnce() {
    Tracing.install(backend);
    Object channel = new Object();
    PrintStream err = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true));
    long heapBefore;
    long heapAfter;
    try {
      heapBefore = usedHeap();
      for (long tag = 1; tag <= 1_000_000; tag++) {
        publish(channel, tag);
      }
      heapAfter = usedHeap();
    } finally {
      System.setErr(err);
    }
    assertEquals(Confirms.MAX_OPEN_PER_CHANNEL, Confirms.openOn(channel));
    assertEquals(1_000_000 - Confirms.MAX_OPEN_PER_CHANNEL, backend.ended.get(),
        "every publish beyond the bound ended, unconfirmed");
    assertEquals("unconfirmed", backend.lastAttributes.get("messaging.rabbitmq.confirm"));
    assertEquals("limit", backend.lastAttributes.get("messaging.rabbitmq.confirm.reason"));
    String logged = log.toString(StandardCharsets.UTF_8);
    assertEquals(1, logged.lines().filter(line -> line.contains("confirm")).count(), logged);
    assertTrue(heapAfter - heapBefore < 64L << 20,
        "heap held after a million publishes: " + ((heapAfter - heapBefore) >> 20) + " MiB");

    Confirms.channelClosed(channel, 0, null);
    assertEquals(0, Confirms.openOn(channel));
    assertEquals(1_000_000, backend.ended.get(), "closing the channel ended the rest");
    assertEquals("channel closed", backend.lastAttributes.get("messaging.rabbitmq.confirm.reason"));
  }

  @Test
  void aMultipleAckEndsEveryEarlierPublishAndANackFails() {
    Tracing.install(backend);
    Object channel = new Object();
    for (long tag = 1; tag <= 5; tag++) {
      publish(channel, tag);
    }
    assertEquals(0, backend.ended.get(), "all wait for the broker");
    Confirms.confirmed(channel, 3, true, false);
    assertEquals(3, backend.ended.get());
    assertEquals("ack", backend.lastAttributes.get("messaging.rabbitmq.confirm"));
    assertEquals(Boolean.TRUE, backend.lastAttributes.get("messaging.rabbitmq.confirm.multiple"));
    Confirms.confirmed(channel, 5, false, true);
    assertEquals(4, backend.ended.get());
    assertEquals("nack", backend.failed.get(5L));
    assertEquals(1, Confirms.openOn(channel), "4 still waits");
    Confirms.channelClosed(channel, 0, null);
  }

  @Test
  void aConfirmBeforeThePublishReturnedEndsTheSpanWhenItReturns() {
    Tracing.install(backend);
    Object channel = new Object();
    Object handle = Tracing.start(SpanStart.begin("test", SpanStart.Kind.PRODUCER, "publish"));
    Confirms.publishing(handle, false);
    Confirms.sending(channel, connection, 1);
    Confirms.confirmed(channel, 1, false, false);
    assertEquals(0, backend.ended.get(), "the call has not returned");
    Confirms.published(handle, null);
    assertEquals(1, backend.ended.get());
    assertTrue(backend.lastAttributes.containsKey("messaging.rabbitmq.publish.call_duration_us"));
  }

  @Test
  void withoutConfirmModeTheSpanEndsWithItsCall() {
    Tracing.install(backend);
    publish(new Object(), 0);
    assertEquals(1, backend.ended.get());
    assertTrue(backend.lastAttributes.isEmpty(), backend.lastAttributes.toString());
  }

  @Test
  void publishesThatWaitTooLongEndUnconfirmed() {
    Tracing.install(backend);
    Object channel = new Object();
    publish(channel, 1);
    Confirms.expire(System.nanoTime());
    assertEquals(0, backend.ended.get(), "not yet timed out");
    Confirms.expire(System.nanoTime() + 31_000_000_000L);
    assertEquals(1, backend.ended.get());
    assertEquals("timeout", backend.lastAttributes.get("messaging.rabbitmq.confirm.reason"));
  }

  @Test
  void theSweeperWakesWhenTheOldestPublishIsDueAndEndsItThen() {
    AtomicLong now = clockWithATimeoutOf500Ms();
    Object channel = new Object();
    publish(channel, 1);
    now.addAndGet(100_000_000L);
    publish(channel, 2);

    now.addAndGet(100_000_000L); // 200 ms after the first publish
    assertEquals(300_000_000L, Confirms.expire(now.get()),
        "the sweeper sleeps until the first publish's deadline, not a fixed period");
    now.addAndGet(300_000_000L - 1);
    Confirms.expire(now.get());
    assertEquals(0, backend.ended.get(), "1 ns before its deadline");
    now.incrementAndGet();
    assertEquals(100_000_000L, Confirms.expire(now.get()),
        "at its deadline the first ends; the next wake is the second's deadline");
    assertEquals(1, backend.ended.get());
    assertEquals("timeout", backend.lastAttributes.get("messaging.rabbitmq.confirm.reason"));
    now.addAndGet(100_000_000L);
    assertEquals(-1, Confirms.expire(now.get()), "nothing waits any more");
    assertEquals(2, backend.ended.get());
  }

  @Test
  void noPublishTimesOutWhileItsConnectionRunsTheApplicationsConfirmListeners() {
    AtomicLong now = clockWithATimeoutOf500Ms();
    Object channel = new Object();
    publish(channel, 1);
    publish(channel, 2);

    Confirms.confirmed(channel, 1, false, false);
    Object reader = Confirms.listenersRunning(connection);
    now.addAndGet(3_000_000_000L); // a listener that takes 3 s
    assertEquals(500_000_000L, Confirms.expire(now.get()));
    assertEquals(1, backend.ended.get(), "only the confirmed publish ended");
    assertEquals("ack", backend.lastAttributes.get("messaging.rabbitmq.confirm"));

    Confirms.listenersReturned(reader);
    now.addAndGet(499_000_000L);
    assertEquals(1_000_000L, Confirms.expire(now.get()),
        "the second's confirm may be next in line: it has the timeout from the listener's return");
    Confirms.confirmed(channel, 2, false, false);
    assertEquals(2, backend.ended.get());
    assertEquals("ack", backend.lastAttributes.get("messaging.rabbitmq.confirm"));
  }

  /** The backend installed, a clock the test moves by hand, a timeout of 500 ms. */
  private AtomicLong clockWithATimeoutOf500Ms() {
    Tracing.install(backend);
    AtomicLong now = new AtomicLong(System.nanoTime());
    Confirms.clock = now::get;
    Confirms.timeoutMillis(500);
    return now;
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
