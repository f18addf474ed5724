package io.warren.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ConsumerRegistryTest {

  /** A consumer whose equals and hashCode would confuse an ordinary map. */
  static final class EqualToEverything {
    @Override
    public boolean equals(Object other) {
      return true;
    }

    @Override
    public int hashCode() {
      return 1;
    }
  }

  @Test
  void describesOnlyTheConsumerThatWasRegistered() throws Exception {
    Object registered = new EqualToEverything();
    ConsumerRegistry.register(registered, "orders", InetAddress.getLoopbackAddress(), 5672);

    MessageDetails delivered = new MessageDetails("ex", "rk", null, 1);
    ConsumerRegistry.describe(registered, delivered);
    assertEquals("orders", delivered.queue());
    assertEquals(5672, delivered.serverPort());

    MessageDetails other = new MessageDetails("ex", "rk", null, 1);
    ConsumerRegistry.describe(new EqualToEverything(), other);
    assertNull(other.queue(), "identity, not equals, decides");
  }

  @Test
  void forgetsConsumersOnceTheApplicationDropsThem() throws Exception {
    for (int i = 0; i < 1000; i++) {
      ConsumerRegistry.register(new Object(), "q" + i, null, -1);
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while (ConsumerRegistry.size() > 100 && System.currentTimeMillis() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
    assertTrue(ConsumerRegistry.size() <= 100, "collected consumers are forgotten");
  }
}
