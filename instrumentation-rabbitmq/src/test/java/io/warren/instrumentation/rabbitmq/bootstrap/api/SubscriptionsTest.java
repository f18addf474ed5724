package io.warren.instrumentation.rabbitmq.bootstrap.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {

  private static final InetAddress BROKER = InetAddress.getLoopbackAddress();

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
  void identityNotEqualsDecides() {
    Object subscribed = new EqualToEverything();
    Subscriptions.subscribing(subscribed, "", "orders", false, BROKER, 5672, null);
    Subscriptions.subscribed(subscribed, "amq.ctag-1");

    Subscriptions.Subscription found = Subscriptions.find(subscribed, "amq.ctag-1");
    assertEquals("orders", found.queue);
    assertSame(BROKER, found.address);
    assertEquals(5672, found.port);
    assertNull(Subscriptions.find(new EqualToEverything(), "amq.ctag-1"), "another consumer, equal or not");
  }

  @Test
  void oneConsumerOnTwoQueuesIsResolvedByTag() {
    Object consumer = new Object();
    Subscriptions.subscribing(consumer, "", "q1", false, BROKER, 5672, null);
    Subscriptions.subscribed(consumer, "tag-1");
    Subscriptions.subscribing(consumer, "", "q2", false, BROKER, 5673, null);
    Subscriptions.subscribed(consumer, "tag-2");

    assertEquals("q1", Subscriptions.find(consumer, "tag-1").queue);
    assertEquals("q2", Subscriptions.find(consumer, "tag-2").queue);
    assertEquals(5673, Subscriptions.find(consumer, "tag-2").port);
    assertNull(Subscriptions.find(consumer, "tag-3"), "no subscription is being made");
  }

  @Test
  void aTagChosenByTheCallerIsKnownAtOnce() {
    Object consumer = new Object();
    Subscriptions.subscribing(consumer, "mine", "q1", false, null, -1, null);

    assertEquals("q1", Subscriptions.find(consumer, "mine").queue);
    Subscriptions.subscribed(consumer, "mine");
    assertEquals("q1", Subscriptions.find(consumer, "mine").queue);
    assertNull(Subscriptions.find(consumer, "other"));
  }

  @Test
  void theSubscriptionBeingMadeServesADeliveryBeforeItsTagIsKnown() {
    Object consumer = new Object();
    Subscriptions.subscribing(consumer, "", "q1", false, BROKER, 5672, null);
    Subscriptions.subscribed(consumer, "tag-1");
    Subscriptions.subscribing(consumer, null, "q2", false, BROKER, 5672, null);

    // The broker's first delivery may overtake basicConsume's return.
    assertEquals("q2", Subscriptions.find(consumer, "tag-2").queue, "the pending subscription");
    assertEquals("q1", Subscriptions.find(consumer, "tag-1").queue, "a known tag still wins");

    Subscriptions.subscribed(consumer, "tag-2");
    assertEquals("q2", Subscriptions.find(consumer, "tag-2").queue);
    assertNull(Subscriptions.find(consumer, "tag-3"), "nothing pending any more");
  }

  @Test
  void anUnsubscribedTagIsForgottenAndSoIsAConsumerWithoutSubscriptions() {
    int before = Subscriptions.size();
    Object consumer = new Object();
    Subscriptions.subscribing(consumer, "", "q1", false, BROKER, 5672, null);
    Subscriptions.subscribed(consumer, "tag-1");
    Subscriptions.subscribing(consumer, "", "q2", false, BROKER, 5672, null);
    Subscriptions.subscribed(consumer, "tag-2");
    assertEquals(before + 1, Subscriptions.size());

    Subscriptions.unsubscribed(consumer, "tag-1");
    assertNull(Subscriptions.find(consumer, "tag-1"));
    assertEquals("q2", Subscriptions.find(consumer, "tag-2").queue);

    Subscriptions.unsubscribed(consumer, "tag-2");
    assertNull(Subscriptions.find(consumer, "tag-2"));
    assertEquals(before, Subscriptions.size(), "the consumer itself is forgotten");
  }

  @Test
  void nullsAreIgnored() {
    Subscriptions.subscribing(null, "tag", "q", false, BROKER, 5672, null);
    Subscriptions.subscribed(null, "tag");
    Subscriptions.unsubscribed(null, "tag");
    Object consumer = new Object();
    Subscriptions.subscribing(consumer, "", "q", false, BROKER, 5672, null);
    Subscriptions.unsubscribed(consumer, null);
    assertEquals("q", Subscriptions.find(consumer, null).queue, "still pending");
    Subscriptions.subscribed(consumer, "tag");
    Subscriptions.unsubscribed(consumer, "tag");
  }

  @Test
  void aFailedSubscriptionIsDropped() {
    Object consumer = new Object();
    Subscriptions.subscribing(consumer, "", "q", false, BROKER, 5672, null);
    Subscriptions.subscribed(consumer, null); // basicConsume threw
    assertNull(Subscriptions.find(consumer, "amq.ctag-later"), "a failed basicConsume subscribed nothing");
  }

  @Test
  void forgetsConsumersOnceTheApplicationDropsThem() throws Exception {
    int before = Subscriptions.size();
    for (int i = 0; i < 1000; i++) {
      Object consumer = new Object();
      Subscriptions.subscribing(consumer, "", "q" + i, false, null, -1, null);
      Subscriptions.subscribed(consumer, "tag-" + i);
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while (Subscriptions.size() > before + 100 && System.currentTimeMillis() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
    assertTrue(Subscriptions.size() <= before + 100, "collected consumers are forgotten: " + Subscriptions.size());
  }
}
